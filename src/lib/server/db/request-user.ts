import { sql } from 'kysely';
import type { Role } from '$lib/domain/roles';
import { dialectOfDb, type DB } from './connect';

// The person a request acts for, read with its session or its API token in one query: the
// columns, the roles subquery and the record said once for both (users `u`, departments `d`).

/** The roles of the person aliased `u` in the query, as one comma-separated text (a subquery). */
export function rolesOfUserU(db: DB) {
	return dialectOfDb(db) === 'postgres'
		? sql<string | null>`(SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id)`
		: sql<
				string | null
			>`(SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id)`;
}

/** The person's columns beside the session's or token's own (which hold `user_id`). */
export const REQUEST_USER_COLUMNS = [
	'u.username',
	'u.name as user_name',
	'u.department_id',
	'u.title',
	'u.is_active',
	'u.is_password_change_required',
	'd.name as department_name'
] as const;

/** The signed-in person as every request sees them (locals.user). */
export interface RequestUser {
	id: number;
	username: string;
	name: string;
	departmentId: number | null;
	departmentName: string | null;
	title: string;
	roles: Role[];
	isActive: boolean;
	isPasswordChangeRequired: boolean;
}

export function toRequestUser(row: {
	user_id: number;
	username: string;
	user_name: string;
	department_id: number | null;
	department_name: string | null;
	title: string;
	is_active: boolean;
	is_password_change_required: boolean;
	roles: string | null;
}): RequestUser {
	return {
		id: row.user_id,
		username: row.username,
		name: row.user_name,
		departmentId: row.department_id,
		departmentName: row.department_name,
		title: row.title,
		roles: (row.roles ? (row.roles.split(',') as Role[]) : []).sort(),
		isActive: row.is_active,
		isPasswordChangeRequired: row.is_password_change_required
	};
}
