import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { DEPARTMENT_KINDS } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { diff, recordAudit } from '../audit';
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
import { inTransaction } from '../db/transaction';

const departmentSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, { error: () => m.err_required() })
		.max(100, { error: () => m.err_too_long({ max: 100 }) }),
	parentId: z.preprocess(
		(v) => (v === '' || v == null ? null : v),
		z.coerce.number().int().positive().nullable()
	),
	kind: z.enum(DEPARTMENT_KINDS, { error: () => m.err_choose_one() }),
	sortOrder: z.coerce
		.number({ error: () => m.err_number() })
		.int()
		.min(0)
		.max(100000)
});

export type DepartmentInput = z.input<typeof departmentSchema>;

export function getDepartments(db: DB): Promise<Department[]> {
	return listDepartments(db);
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

/**
 * The tree's rules span rows (one name per parent, no department under its own descendant), so
 * changes to it take turns: each checks the tree the previous one left.
 */
const lockTree = (trx: DB) => lockName(trx, 'departments');

export async function createDepartment(db: DB, actor: Actor, input: unknown): Promise<number> {
	requirePermission(actor, canAdminister);
	const data = parseInput(departmentSchema, input);
	return inTransaction(db, async (trx) => {
		await lockTree(trx);
		await checkParent(trx, data.parentId);
		if (await findDepartmentByName(trx, data.name, data.parentId)) {
			throw new ValidationError({ name: m.err_department_exists() });
		}
		const id = await insertDepartment(trx, data);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'department.create',
			entity: 'department',
			entityId: id,
			changes: data
		});
		return id;
	});
}

export async function updateDepartment(
	db: DB,
	actor: Actor,
	id: number,
	input: unknown
): Promise<void> {
	requirePermission(actor, canAdminister);
	const data = parseInput(departmentSchema, input);
	await inTransaction(db, async (trx) => {
		await lockTree(trx);
		const before = await findDepartmentById(trx, id);
		if (!before) throw new NotFoundError();
		await checkParent(trx, data.parentId, id);
		const same = await findDepartmentByName(trx, data.name, data.parentId);
		if (same && same.id !== id) throw new ValidationError({ name: m.err_department_exists() });
		const changes = diff({ ...before }, data);
		// Saved again as it is (a second click): nothing to write or audit.
		if (!Object.keys(changes).length) return;
		await updateDepartmentRow(trx, id, data);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'department.update',
			entity: 'department',
			entityId: id,
			changes
		});
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
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: isActive ? 'department.activate' : 'department.deactivate',
			entity: 'department',
			entityId: id
		});
	});
}
