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

async function withRoles(db: DB, row: UserJoined | undefined): Promise<User | undefined> {
	if (!row) return undefined;
	return toUser(row, (await findRolesByUserIds(db, [row.id])).get(row.id) ?? []);
}

export async function findUserById(db: DB, id: number): Promise<User | undefined> {
	return withRoles(db, await selectUsers(db).where('users.id', '=', id).executeTakeFirst());
}

const sameUsername = (username: string) =>
	[sql<string>`lower(users.username)`, '=', username.trim().toLowerCase()] as const;

/** The person with this username, compared without case (as the unique index does). */
export async function findUserByUsername(db: DB, username: string): Promise<User | undefined> {
	const row = await selectUsers(db)
		.where(...sameUsername(username))
		.executeTakeFirst();
	return withRoles(db, row);
}

/** What signing in and changing a password need of an account. */
export interface Account {
	id: number;
	username: string;
	name: string;
	passwordHash: string;
	isActive: boolean;
	isPasswordChangeRequired: boolean;
}

const ACCOUNT_COLUMNS = [
	'id',
	'username',
	'name',
	'password_hash',
	'is_active',
	'is_password_change_required'
] as const;

function toAccount(r: Pick<UserRow, (typeof ACCOUNT_COLUMNS)[number]>): Account {
	return {
		id: r.id,
		username: r.username,
		name: r.name,
		passwordHash: r.password_hash,
		isActive: r.is_active,
		isPasswordChangeRequired: r.is_password_change_required
	};
}

export async function findAccountByUsername(db: DB, username: string) {
	const row = await db
		.selectFrom('users')
		.select(ACCOUNT_COLUMNS)
		.where(...sameUsername(username))
		.executeTakeFirst();
	return row && toAccount(row);
}

export async function findAccountById(db: DB, id: number): Promise<Account | undefined> {
	const row = await db
		.selectFrom('users')
		.select(ACCOUNT_COLUMNS)
		.where('id', '=', id)
		.executeTakeFirst();
	return row && toAccount(row);
}

export async function countUsers(db: DB): Promise<number> {
	const r = await db
		.selectFrom('users')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}

/** A person's stored fields as the services write them. */
export interface UserFields {
	username: string;
	name: string;
	passwordHash: string;
	departmentId: number | null;
	title: string;
	precedence: number;
	phone: string;
	email: string;
	workStartDate: string | null;
	isActive: boolean;
	isPasswordChangeRequired: boolean;
	passwordChangedAt: string | null;
	createdAt: string;
	updatedAt: string;
}

const COLUMNS = {
	username: 'username',
	name: 'name',
	passwordHash: 'password_hash',
	departmentId: 'department_id',
	title: 'title',
	precedence: 'precedence',
	phone: 'phone',
	email: 'email',
	workStartDate: 'work_start_date',
	isActive: 'is_active',
	isPasswordChangeRequired: 'is_password_change_required',
	passwordChangedAt: 'password_changed_at',
	createdAt: 'created_at',
	updatedAt: 'updated_at'
} as const satisfies Record<keyof UserFields, keyof UserRow>;

/** The given fields as columns; fields left undefined are left out. */
function toColumns(f: Partial<UserFields>): UserUpdate {
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(f)) {
		if (v !== undefined) out[COLUMNS[k as keyof UserFields]] = v;
	}
	return out as UserUpdate;
}

export type NewUser = Pick<
	UserFields,
	'username' | 'name' | 'passwordHash' | 'departmentId' | 'createdAt' | 'updatedAt'
> &
	Partial<UserFields>;

export async function insertUser(db: DB, user: NewUser): Promise<number> {
	const r = await db
		.insertInto('users')
		.values(toColumns(user) as NewUserRow)
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function updateUser(db: DB, id: number, set: Partial<UserFields>): Promise<void> {
	await db.updateTable('users').set(toColumns(set)).where('id', '=', id).execute();
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

/** Everyone, by precedence then id, with roles and department. */
export async function listAllUsers(db: DB): Promise<User[]> {
	const rows = await selectUsers(db).orderBy('users.precedence').orderBy('users.id').execute();
	const roles = await findRolesByUserIds(
		db,
		rows.map((r) => r.id)
	);
	return rows.map((r) => toUser(r, roles.get(r.id) ?? []));
}
