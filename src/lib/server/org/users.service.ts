import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { diff, recordAudit } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import { hashPassword, randomPassword } from '../auth/password';
import { blockedUntil, clearThrottle } from '../auth/rate-limit';
import { invalidateUserSessions } from '../auth/session';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import { NotFoundError, ValidationError, withUniqueField } from '../errors';
import { parseInput } from '../validation';
import { findDepartmentById } from './departments.repository';
import { passwordProblemMessage, personSchema, type PersonInput } from './person-schema';
import {
	findUserById,
	findUserRowByUsername,
	insertUser,
	listUsers,
	replaceUserRoles,
	updateUserRow,
	type User,
	type UserFilter
} from './users.repository';
import { nowIso } from '../clock';
import { inTransaction } from '../db/transaction';

export const USERNAME_THROTTLE_PREFIX = 'login-user:';

/** Checks what the schema cannot: the department exists, the username is free. */
export async function checkPersonReferences(
	trx: DB,
	p: PersonInput,
	selfId?: number
): Promise<Record<string, string>> {
	const errors: Record<string, string> = {};
	const dept = await findDepartmentById(trx, p.departmentId);
	if (!dept || !dept.isActive) errors.departmentId = m.err_department_unknown();
	const same = await findUserRowByUsername(trx, p.username);
	if (same && same.id !== selfId) errors.username = m.err_username_taken();
	return errors;
}

/** Inserts a person with roles and the audit row; the caller owns the transaction. */
export async function insertPerson(
	trx: DB,
	actor: Actor,
	p: PersonInput,
	passwordHash: string,
	action = 'user.create'
): Promise<number> {
	const now = nowIso();
	const row = {
		username: p.username,
		name: p.name,
		password_hash: passwordHash,
		department_id: p.departmentId,
		title: p.title,
		precedence: p.precedence,
		phone: p.phone,
		email: p.email,
		work_start_date: p.workStartDate || null,
		is_password_change_required: true,
		created_at: now,
		updated_at: now
	};
	const id = await withUniqueField(insertUser(trx, row), 'username', m.err_username_taken());
	await replaceUserRoles(trx, id, p.roles);
	const { roles, ...fields } = p;
	await recordAudit(trx, {
		actor,
		ip: actor.ip,
		action,
		entity: 'user',
		entityId: id,
		changes: { ...fields, roles: roles.join(',') }
	});
	return id;
}

const createSchema = z.object({ password: z.string().default('') });

/** Creates a person; a blank password gets a generated one, returned to show once. */
export async function createPerson(
	db: DB,
	actor: Actor,
	input: Record<string, unknown>
): Promise<{ id: number; temporaryPassword: string | null }> {
	requirePermission(actor, canAdminister);
	const p = parseInput(personSchema, input);
	const { password } = parseInput(createSchema, input);
	const generated = password ? null : randomPassword();
	const problem = password ? passwordProblemMessage(password, p.username) : null;
	if (problem) throw new ValidationError({ password: problem });
	const hashed = await hashPassword(password || generated!);
	const id = await inTransaction(db, async (trx) => {
		const errors = await checkPersonReferences(trx, p);
		if (Object.keys(errors).length) throw new ValidationError(errors);
		return insertPerson(trx, actor, p, hashed);
	});
	return { id, temporaryPassword: generated };
}

const sameRoles = (a: readonly string[], b: readonly string[]) =>
	[...a].sort().join(',') === [...b].sort().join(',');

export async function updatePerson(
	db: DB,
	actor: Actor,
	id: number,
	input: Record<string, unknown>
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
			department_id: p.departmentId,
			title: p.title,
			precedence: p.precedence,
			phone: p.phone,
			email: p.email,
			work_start_date: p.workStartDate || null,
			updated_at: nowIso()
		};
		// The index ignores case, as the check above does; a rename racing another save lands here.
		await withUniqueField(updateUserRow(trx, id, set), 'username', m.err_username_taken());
		await replaceUserRoles(trx, id, p.roles);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'user.update',
			entity: 'user',
			entityId: id,
			changes
		});
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
		await updateUserRow(trx, id, { is_active: isActive, updated_at: nowIso() });
		if (!isActive) await invalidateUserSessions(trx, id);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: isActive ? 'user.activate' : 'user.deactivate',
			entity: 'user',
			entityId: id
		});
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
		await updateUserRow(trx, id, {
			password_hash: hashed,
			is_password_change_required: true,
			updated_at: nowIso()
		});
		await invalidateUserSessions(trx, id);
		await clearThrottle(trx, USERNAME_THROTTLE_PREFIX + user.username.toLowerCase());
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'user.reset_password',
			entity: 'user',
			entityId: id
		});
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
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'user.unlock',
			entity: 'user',
			entityId: id
		});
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
