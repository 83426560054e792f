import type { DB } from '../db';
import type { DepartmentRow } from '../db/schema';
import type { DepartmentKind } from '$lib/domain/roles';
import { nowIso } from '../clock';

export interface Department {
	id: number;
	name: string;
	parentId: number | null;
	kind: DepartmentKind;
	sortOrder: number;
	isActive: boolean;
	memberCount: number;
	/** 分管领导 (approvals' 'responsible_leader'), or null. */
	leaderId: number | null;
}

export function toDepartment(row: DepartmentRow & { member_count?: number }): Department {
	return {
		id: row.id,
		name: row.name,
		parentId: row.parent_id,
		kind: row.kind as DepartmentKind,
		sortOrder: row.sort_order,
		isActive: row.is_active,
		memberCount: Number(row.member_count ?? 0),
		leaderId: row.leader_id ?? null
	};
}

function selectDepartments(db: DB) {
	return db
		.selectFrom('departments')
		.selectAll('departments')
		.select((eb) =>
			eb
				.selectFrom('users')
				.select((e2) => e2.fn.countAll<number>().as('n'))
				.whereRef('users.department_id', '=', 'departments.id')
				.where('users.is_active', '=', true)
				.as('member_count')
		);
}

export async function listDepartments(db: DB): Promise<Department[]> {
	const rows = await selectDepartments(db).orderBy('sort_order').orderBy('id').execute();
	return rows.map((r) => toDepartment({ ...r, member_count: Number(r.member_count ?? 0) }));
}

export async function findDepartmentById(db: DB, id: number): Promise<Department | undefined> {
	const row = await selectDepartments(db).where('id', '=', id).executeTakeFirst();
	return row && toDepartment({ ...row, member_count: Number(row.member_count ?? 0) });
}

export async function findDepartmentByName(db: DB, name: string, parentId: number | null) {
	let q = db.selectFrom('departments').selectAll().where('name', '=', name.trim());
	q = parentId == null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
	const row = await q.executeTakeFirst();
	return row && toDepartment(row);
}

export async function insertDepartment(
	db: DB,
	d: {
		name: string;
		parentId: number | null;
		kind: DepartmentKind;
		sortOrder: number;
		leaderId?: number | null;
	}
): Promise<number> {
	const r = await db
		.insertInto('departments')
		.values({
			name: d.name,
			parent_id: d.parentId,
			kind: d.kind,
			sort_order: d.sortOrder,
			leader_id: d.leaderId ?? null,
			created_at: nowIso()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function updateDepartmentRow(
	db: DB,
	id: number,
	d: Partial<{
		name: string;
		parentId: number | null;
		kind: DepartmentKind;
		sortOrder: number;
		isActive: boolean;
		leaderId: number | null;
	}>
): Promise<void> {
	await db
		.updateTable('departments')
		.set({
			name: d.name,
			parent_id: d.parentId,
			kind: d.kind,
			sort_order: d.sortOrder,
			is_active: d.isActive,
			leader_id: d.leaderId
		})
		.where('id', '=', id)
		.execute();
}
