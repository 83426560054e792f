import { sql } from 'kysely';
import type { Role } from '$lib/domain/roles';
import { dialectOfDb, type DB } from '../db/connect';
import type { User } from '../org/users.repository';
import type { Session } from './session';

/** The signed-in person as every request sees them (locals.user). */
export type SessionUser = Pick<
	User,
	| 'id'
	| 'username'
	| 'name'
	| 'departmentId'
	| 'departmentName'
	| 'title'
	| 'roles'
	| 'isPasswordChangeRequired'
>;

export type SessionWithUser = Session & {
	user: SessionUser | null;
	/** The database's change stamp when the session was read (see db/stamp.ts). */
	stamp: number;
};

/**
 * A session row with its person, their roles and the change stamp, in one query: every
 * signed-in request starts here. `user` is null when the account is inactive.
 */
export async function findSessionUser(db: DB, id: string): Promise<SessionWithUser | undefined> {
	const roles =
		dialectOfDb(db) === 'postgres'
			? sql<
					string | null
				>`(SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id)`
			: sql<
					string | null
				>`(SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id)`;
	const row = await db
		.selectFrom('sessions as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.selectAll('s')
		.select([
			'u.username',
			'u.name',
			'u.department_id',
			'u.title',
			'u.is_active',
			'u.is_password_change_required',
			'd.name as department_name'
		])
		.select((eb) => [
			roles.as('roles'),
			eb.selectFrom('data_stamp').select('n').where('id', '=', 1).as('stamp')
		])
		.where('s.id', '=', id)
		.executeTakeFirst();
	if (!row) return undefined;
	const session: Session = {
		id: row.id,
		user_id: row.user_id,
		secret_hash: row.secret_hash,
		created_at: row.created_at,
		last_seen_at: row.last_seen_at,
		expires_at: row.expires_at,
		ip: row.ip,
		user_agent: row.user_agent
	};
	const user: SessionUser | null = row.is_active
		? {
				id: row.user_id,
				username: row.username,
				name: row.name,
				departmentId: row.department_id,
				departmentName: row.department_name,
				title: row.title,
				roles: (row.roles ? (row.roles.split(',') as Role[]) : []).sort(),
				isPasswordChangeRequired: row.is_password_change_required
			}
		: null;
	return { ...session, user, stamp: Number(row.stamp ?? 0) };
}
