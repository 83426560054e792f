import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import {
	findDepartmentById,
	findDepartmentByName,
	insertDepartment,
	listDepartments,
	updateDepartmentRow,
	type Department
} from './departments.repository';
import { keptWhileSteady, type ReadAt } from '../db/steady';
import { inTransaction } from '../db/transaction';
import { departmentSchema, type DepartmentInput } from './departments.schema';
import { findUserById } from './users.repository';

export type { DepartmentInput } from './departments.schema';

export function getDepartments(db: DB): Promise<Department[]> {
	return listDepartments(db);
}

/** getDepartments, kept while the change stamp a request read stays (db/steady.ts). */
export function departmentsAt(db: DB, at: ReadAt | undefined): Promise<Department[]> {
	return keptWhileSteady(db, at, 'departments', () => listDepartments(db));
}

/** The department of this name under `parentId` (null: at the top), for other modules. */
export function findDepartmentNamed(
	db: DB,
	name: string,
	parentId: number | null
): Promise<Department | undefined> {
	return findDepartmentByName(db, name, parentId);
}

async function checkParent(db: DB, parentId: number | null, selfId?: number) {
	if (parentId == null) return;
	const all = await listDepartments(db);
	const byId = new Map(all.map((d) => [d.id, d]));
	if (!byId.has(parentId)) throw new ValidationError({ parentId: m.err_department_unknown() });
	// A department cannot sit under itself or its own descendants.
	for (let p: number | null = parentId; p != null; p = byId.get(p)?.parentId ?? null) {
		if (p === selfId) throw new ValidationError({ parentId: m.err_department_cycle() });
	}
}

/** A 分管领导 must be an active person holding the leader role. */
async function checkLeader(db: DB, leaderId: number | null) {
	if (leaderId == null) return;
	const leader = await findUserById(db, leaderId);
	if (!leader?.isActive || !leader.roles.includes('leader'))
		throw new ValidationError({ leaderId: m.approval_err_leader_choose() });
}

/**
 * The tree's rules span rows (one name per parent, no department under its own descendant), so
 * changes to it take turns: each checks the tree the previous one left.
 */
const lockTree = (trx: DB) => lockName(trx, 'departments');

export async function createDepartment(
	db: DB,
	actor: Actor,
	input: DepartmentInput
): Promise<number> {
	requirePermission(actor, canAdminister);
	const data = parseInput(departmentSchema, input);
	return inTransaction(db, async (trx) => {
		await lockTree(trx);
		await checkParent(trx, data.parentId);
		await checkLeader(trx, data.leaderId);
		if (await findDepartmentByName(trx, data.name, data.parentId)) {
			throw new ValidationError({ name: m.err_department_exists() });
		}
		const id = await insertDepartment(trx, data);
		await audit(trx, actor, 'department.create', 'department', id, data);
		return id;
	});
}

export async function updateDepartment(
	db: DB,
	actor: Actor,
	id: number,
	input: DepartmentInput
): Promise<void> {
	requirePermission(actor, canAdminister);
	const data = parseInput(departmentSchema, input);
	await inTransaction(db, async (trx) => {
		await lockTree(trx);
		const before = await findDepartmentById(trx, id);
		if (!before) throw new NotFoundError();
		await checkParent(trx, data.parentId, id);
		await checkLeader(trx, data.leaderId);
		const same = await findDepartmentByName(trx, data.name, data.parentId);
		if (same && same.id !== id) throw new ValidationError({ name: m.err_department_exists() });
		const changes = diff({ ...before }, data);
		// Saved again as it is (a second click): nothing to write or audit.
		if (!Object.keys(changes).length) return;
		await updateDepartmentRow(trx, id, data);
		await audit(trx, actor, 'department.update', 'department', id, changes);
	});
}

/** Departments are deactivated, never deleted: people and records keep pointing at them. */
export async function setDepartmentActive(
	db: DB,
	actor: Actor,
	id: number,
	isActive: boolean
): Promise<void> {
	requirePermission(actor, canAdminister);
	await inTransaction(db, async (trx) => {
		await lockTree(trx);
		const before = await findDepartmentById(trx, id);
		if (!before) throw new NotFoundError();
		if (before.isActive === isActive) return;
		if (!isActive && before.memberCount > 0) {
			throw new ValidationError({ _: m.err_department_has_members({ count: before.memberCount }) });
		}
		await updateDepartmentRow(trx, id, { isActive });
		const action = isActive ? 'department.activate' : 'department.deactivate';
		await audit(trx, actor, action, 'department', id);
	});
}
