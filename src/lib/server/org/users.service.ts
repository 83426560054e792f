import * as m from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import { hashPassword, passwordProblemMessage, randomPassword } from '../auth/password';
import { blockedUntil, clearThrottle } from '../auth/rate-limit';
import { invalidateUserSessions } from '../auth/session';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import { NotFoundError, ValidationError, withUniqueField } from '../errors';
import { parseInput } from '../validation';
import { findDepartmentById } from './departments.repository';
import {
	newPersonSchema,
	personSchema,
	type NewPersonInput,
	type PersonFields,
	type PersonInput
} from './people.schema';
import {
	countUsers,
	findAccountById,
	findAccountByUsername,
	findUserById,
	findUserByUsername,
	insertUser,
	listAllUsers,
	listUsers,
	replaceUserRoles,
	updateUser,
	type Account,
	type User,
	type UserFilter
} from './users.repository';
import { nowIso } from '../clock';
import { keptWhileSteady, type ReadAt } from '../db/steady';
import { inTransaction } from '../db/transaction';

export const USERNAME_THROTTLE_PREFIX = 'login-user:';

/** Checks what the schema cannot: the department exists, the username is free. */
export async function checkPersonReferences(
	trx: DB,
	p: PersonFields,
	selfId?: number
): Promise<Record<string, string>> {
	const errors: Record<string, string> = {};
	const dept = await findDepartmentById(trx, p.departmentId);
	if (!dept || !dept.isActive) errors.departmentId = m.err_department_unknown();
	const same = await findAccountByUsername(trx, p.username);
	if (same && same.id !== selfId) errors.username = m.err_username_taken();
	return errors;
}

/** Inserts a person with roles and the audit row; the caller owns the transaction. */
export async function insertPerson(
	trx: DB,
	actor: Actor,
	p: PersonFields,
	passwordHash: string,
	action = 'user.create'
): Promise<number> {
	const now = nowIso();
	const user = {
		username: p.username,
		name: p.name,
		passwordHash,
		departmentId: p.departmentId,
		title: p.title,
		precedence: p.precedence,
		phone: p.phone,
		email: p.email,
		workStartDate: p.workStartDate || null,
		isPasswordChangeRequired: true,
		createdAt: now,
		updatedAt: now
	};
	const id = await withUniqueField(insertUser(trx, user), 'username', m.err_username_taken());
	await replaceUserRoles(trx, id, p.roles);
	const { roles, ...fields } = p;
	await audit(trx, actor, action, 'user', id, { ...fields, roles: roles.join(',') });
	return id;
}

/** Creates a person; a blank password gets a generated one, returned to show once. */
export async function createPerson(
	db: DB,
	actor: Actor,
	input: NewPersonInput
): Promise<{ id: number; name: string; temporaryPassword: string | null }> {
	requirePermission(actor, canAdminister);
	const { password, ...p } = parseInput(newPersonSchema, input);
	const generated = password ? null : randomPassword();
	const problem = password ? passwordProblemMessage(password, p.username) : null;
	if (problem) throw new ValidationError({ password: problem });
	const hashed = await hashPassword(password || generated!);
	const id = await inTransaction(db, async (trx) => {
		const errors = await checkPersonReferences(trx, p);
		if (Object.keys(errors).length) throw new ValidationError(errors);
		return insertPerson(trx, actor, p, hashed);
	});
	return { id, name: p.name, temporaryPassword: generated };
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
	[...a].sort().join(',') === [...b].sort().join(',');

export async function updatePerson(
	db: DB,
	actor: Actor,
	id: number,
	input: PersonInput
): Promise<void> {
	requirePermission(actor, canAdminister);
	const p = parseInput(personSchema, input);
	await inTransaction(db, async (trx) => {
		// Two saves of one person take turns: each compares with what the other saved.
		await lockRow(trx, 'users', id);
		const before = await findUserById(trx, id);
		if (!before) throw new NotFoundError();
		const errors = await checkPersonReferences(trx, p, id);
		if (Object.keys(errors).length) throw new ValidationError(errors);
		if (id === actor.id && !canAdminister(p)) {
			throw new ValidationError({ roles: m.err_cannot_drop_own_admin() });
		}
		const changes = diff(
			{ ...before, workStartDate: before.workStartDate ?? '', roles: before.roles.join(',') },
			{ ...p, roles: p.roles.join(',') }
		);
		if (sameRoles(before.roles, p.roles)) delete changes.roles;
		// Saved again as it is (a second click): nothing to write or audit.
		if (!Object.keys(changes).length) return;
		const set = {
			username: p.username,
			name: p.name,
			departmentId: p.departmentId,
			title: p.title,
			precedence: p.precedence,
			phone: p.phone,
			email: p.email,
			workStartDate: p.workStartDate || null,
			updatedAt: nowIso()
		};
		// The index ignores case, as the check above does; a rename racing another save lands here.
		await withUniqueField(updateUser(trx, id, set), 'username', m.err_username_taken());
		await replaceUserRoles(trx, id, p.roles);
		await audit(trx, actor, 'user.update', 'user', id, changes);
	});
}

/** People are deactivated rather than deleted; deactivation ends their sessions. */
export async function setPersonActive(db: DB, actor: Actor, id: number, isActive: boolean) {
	requirePermission(actor, canAdminister);
	if (id === actor.id && !isActive)
		throw new ValidationError({ _: m.err_cannot_deactivate_self() });
	await inTransaction(db, async (trx) => {
		await lockRow(trx, 'users', id);
		const before = await findUserById(trx, id);
		if (!before) throw new NotFoundError();
		if (before.isActive === isActive) return;
		await updateUser(trx, id, { isActive, updatedAt: nowIso() });
		if (!isActive) await invalidateUserSessions(trx, id);
		await audit(trx, actor, isActive ? 'user.activate' : 'user.deactivate', 'user', id);
	});
}

/** Sets a generated password that must be changed at next login; also lifts a lockout. */
export async function resetPassword(db: DB, actor: Actor, id: number): Promise<string> {
	requirePermission(actor, canAdminister);
	const password = randomPassword();
	const hashed = await hashPassword(password);
	await inTransaction(db, async (trx) => {
		const user = await findUserById(trx, id);
		if (!user) throw new NotFoundError();
		await updateUser(trx, id, {
			passwordHash: hashed,
			isPasswordChangeRequired: true,
			updatedAt: nowIso()
		});
		await invalidateUserSessions(trx, id);
		await clearThrottle(trx, USERNAME_THROTTLE_PREFIX + user.username.toLowerCase());
		await audit(trx, actor, 'user.reset_password', 'user', id);
	});
	return password;
}

/** Lifts a lockout after repeated wrong passwords; nothing to lift writes nothing. */
export async function unlockPerson(db: DB, actor: Actor, id: number): Promise<void> {
	requirePermission(actor, canAdminister);
	await inTransaction(db, async (trx) => {
		const user = await findUserById(trx, id);
		if (!user) throw new NotFoundError();
		// Compare-and-set: the delete decides; of simultaneous clicks one lifts the lock.
		if (!(await clearThrottle(trx, USERNAME_THROTTLE_PREFIX + user.username.toLowerCase()))) return;
		await audit(trx, actor, 'user.unlock', 'user', id);
	});
}

export async function personLockedUntil(db: DB, actor: Actor, id: number): Promise<string | null> {
	const user = await getPerson(db, actor, id);
	return blockedUntil(db, USERNAME_THROTTLE_PREFIX + user.username.toLowerCase());
}

export async function getPerson(db: DB, actor: Actor, id: number): Promise<User> {
	requirePermission(actor, canAdminister);
	const user = await findUserById(db, id);
	if (!user) throw new NotFoundError();
	return user;
}

export async function searchPeople(db: DB, actor: Actor, filter: UserFilter) {
	requirePermission(actor, canAdminister);
	return listUsers(db, filter);
}

/**
 * One person by id, for other modules (meetings name the host, replies the deputy): the
 * directory is reached through this service, never its repository. No permission: callers
 * are services that have checked their own.
 */
export function findPersonById(db: DB, id: number): Promise<User | undefined> {
	return findUserById(db, id);
}

/** A person's department, kept while the change stamp a request read stays (db/steady.ts). */
export function departmentOfAt(
	db: DB,
	userId: number,
	at: ReadAt | undefined
): Promise<number | null> {
	return keptWhileSteady(
		db,
		at,
		`departmentOf:${userId}`,
		async () => (await findPersonById(db, userId))?.departmentId ?? null
	);
}

/** A person by username (compared without case), for other modules; no permission, as above. */
export function findPersonByUsername(db: DB, username: string): Promise<User | undefined> {
	return findUserByUsername(db, username);
}

export type { Account } from './users.repository';

/**
 * What signing in needs of an account (its password hash among it), for the auth module only:
 * accounts are reached through this service, never the directory's repository.
 */
export function findAccount(db: DB, username: string): Promise<Account | undefined> {
	return findAccountByUsername(db, username);
}

export function findAccountOf(db: DB, id: number): Promise<Account | undefined> {
	return findAccountById(db, id);
}

/** Stores a password its owner chose: no change is asked for any more. */
export async function storeOwnPassword(db: DB, id: number, passwordHash: string): Promise<void> {
	const now = nowIso();
	await updateUser(db, id, {
		passwordHash,
		isPasswordChangeRequired: false,
		passwordChangedAt: now,
		updatedAt: now
	});
}

/** Marks the password as chosen (the demo's published password): no change is asked for. */
export async function markPasswordChosen(db: DB, id: number): Promise<void> {
	const now = nowIso();
	await updateUser(db, id, {
		isPasswordChangeRequired: false,
		passwordChangedAt: now,
		updatedAt: now
	});
}

/** How many accounts exist (first-run setup asks whether any does). */
export function countPeople(db: DB): Promise<number> {
	return countUsers(db);
}

/**
 * The first account, made by first-run setup in its own transaction (which audits it): outside
 * any department, with the roles given, its password chosen by the person setting up.
 */
export async function insertFirstAccount(
	trx: DB,
	a: { username: string; name: string; passwordHash: string; roles: readonly Role[] }
): Promise<number> {
	const now = nowIso();
	const id = await insertUser(trx, {
		username: a.username,
		name: a.name,
		passwordHash: a.passwordHash,
		departmentId: null,
		passwordChangedAt: now,
		createdAt: now,
		updatedAt: now
	});
	await replaceUserRoles(trx, id, [...a.roles]);
	return id;
}

/** Everyone in the directory with roles and department, by precedence (the demo's casting). */
export function listAllPeople(db: DB): Promise<User[]> {
	return listAllUsers(db);
}

/** The first active person holding `role` (scripts find the administrator to act as). */
export async function firstActiveWithRole(db: DB, role: Role): Promise<User | undefined> {
	return (await listUsers(db, { role, active: true, page: 1, pageSize: 1 })).users[0];
}
