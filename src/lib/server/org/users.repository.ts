import { sql } from 'kysely';
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { likeContains } from '../db/like';
import type { NewUserRow, UserRow, UserUpdate } from '../db/schema';

export interface User {
	id: number;
	username: string;
	name: string;
	departmentId: number | null;
	departmentName: string | null;
	title: string;
	precedence: number;
	phone: string;
	email: string;
	workStartDate: string | null;
	isActive: boolean;
	isPasswordChangeRequired: boolean;
	roles: Role[];
}

type UserJoined = UserRow & { department_name: string | null };

export function toUser(row: UserJoined, roles: Role[]): User {
	return {
		id: row.id,
		username: row.username,
		name: row.name,
		departmentId: row.department_id,
		departmentName: row.department_name,
		title: row.title,
		precedence: row.precedence,
		phone: row.phone,
		email: row.email,
		workStartDate: row.work_start_date,
		isActive: row.is_active,
		isPasswordChangeRequired: row.is_password_change_required,
		roles
	};
}

function selectUsers(db: DB) {
	return db
		.selectFrom('users')
		.leftJoin('departments', 'departments.id', 'users.department_id')
		.selectAll('users')
		.select('departments.name as department_name');
}

export async function findRolesByUserIds(db: DB, ids: number[]): Promise<Map<number, Role[]>> {
	const map = new Map<number, Role[]>();
	if (!ids.length) return map;
	const rows = await db.selectFrom('user_roles').selectAll().where('user_id', 'in', ids).execute();
	for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role as Role]);
	return map;
}

export async function findUserRowById(db: DB, id: number): Promise<UserJoined | undefined> {
	return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

export async function findUserById(db: DB, id: number): Promise<User | undefined> {
	const row = await findUserRowById(db, id);
	if (!row) return undefined;
	return toUser(row, (await findRolesByUserIds(db, [id])).get(id) ?? []);
}

export async function findUserRowByUsername(db: DB, username: string) {
	return selectUsers(db)
		.where(sql<string>`lower(users.username)`, '=', username.trim().toLowerCase())
		.executeTakeFirst();
}

export async function countUsers(db: DB): Promise<number> {
	const r = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

export async function insertUser(db: DB, row: NewUserRow): Promise<number> {
	const r = await db.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
	return r.id;
}

export async function updateUserRow(db: DB, id: number, set: UserUpdate): Promise<void> {
	await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function replaceUserRoles(db: DB, userId: number, roles: Role[]): Promise<void> {
	await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
	if (roles.length) {
		await db
			.insertInto('user_roles')
			.values(roles.map((role) => ({ user_id: userId, role })))
			.execute();
	}
}

export interface UserFilter {
	q?: string;
	departmentId?: number;
	role?: Role;
	active?: boolean;
	page: number;
	pageSize: number;
}

const SEARCHED = ['users.username', 'users.name', 'users.phone'] as const;

export async function listUsers(db: DB, f: UserFilter): Promise<{ users: User[]; total: number }> {
	let q = selectUsers(db);
	const text = f.q?.trim();
	if (text) q = q.where((eb) => eb.or(SEARCHED.map((c) => likeContains(c, text))));
	if (f.departmentId) q = q.where('users.department_id', '=', f.departmentId);
	if (f.active !== undefined) q = q.where('users.is_active', '=', f.active);
	if (f.role) {
		const role = f.role;
		q = q.where('users.id', 'in', (eb) =>
			eb.selectFrom('user_roles').select('user_id').where('role', '=', role)
		);
	}
	const total = await q
		.clearSelect()
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const rows = await q
		.orderBy('departments.sort_order')
		.orderBy('users.precedence')
		.orderBy('users.id')
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize)
		.execute();
	const roles = await findRolesByUserIds(
		db,
		rows.map((r) => r.id)
	);
	return { users: rows.map((r) => toUser(r, roles.get(r.id) ?? [])), total: Number(total.n) };
}
