import type { Selectable } from 'kysely';
import { type DB } from '../db/connect';
import { compiledOnce } from '../db/compiled-once';
import {
	REQUEST_USER_COLUMNS,
	rolesOfUserU,
	toRequestUser,
	type RequestUser
} from '../db/request-user';
import type { SessionsTable } from '../db/schema';

/** A signed-in browser: the session as the rest of the app sees it. */
export interface Session {
	id: string;
	userId: number;
	/** SHA-256 of the token's secret; the secret itself is never stored. */
	secretHash: string;
	createdAt: string;
	lastSeenAt: string;
	expiresAt: string;
	ip: string;
	userAgent: string;
}

function toSession(row: Selectable<SessionsTable>): Session {
	return {
		id: row.id,
		userId: row.user_id,
		secretHash: row.secret_hash,
		createdAt: row.created_at,
		lastSeenAt: row.last_seen_at,
		expiresAt: row.expires_at,
		ip: row.ip,
		userAgent: row.user_agent
	};
}

export async function insertSession(db: DB, s: Session): Promise<void> {
	await db
		.insertInto('sessions')
		.values({
			id: s.id,
			user_id: s.userId,
			secret_hash: s.secretHash,
			created_at: s.createdAt,
			last_seen_at: s.lastSeenAt,
			expires_at: s.expiresAt,
			ip: s.ip,
			user_agent: s.userAgent
		})
		.execute();
}

export async function findSessionById(db: DB, id: string): Promise<Session | undefined> {
	const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toSession(row);
}

export async function updateSessionLastSeen(db: DB, id: string, at: string): Promise<void> {
	await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

export async function deleteSession(db: DB, id: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: DB, userId: number, exceptId?: string) {
	let q = db.deleteFrom('sessions').where('user_id', '=', userId);
	if (exceptId) q = q.where('id', '!=', exceptId);
	await q.execute();
}

export async function listSessionsOfUser(db: DB, userId: number): Promise<Session[]> {
	const rows = await db
		.selectFrom('sessions')
		.selectAll()
		.where('user_id', '=', userId)
		.orderBy('last_seen_at', 'desc')
		.execute();
	return rows.map(toSession);
}

export async function deleteSessionsExpiredBy(db: DB, at: string): Promise<void> {
	await db.deleteFrom('sessions').where('expires_at', '<=', at).execute();
}

/** The signed-in person as every request sees them (locals.user). */
export type SessionUser = Omit<RequestUser, 'isActive'>;

export type SessionWithUser = Session & {
	user: SessionUser | null;
	/** The database's change stamp when the session was read (see db/stamp.ts). */
	stamp: number;
};

/**
 * A session with its person, their roles and the change stamp, in one query: every signed-in
 * request starts here. `user` is null when the account is inactive.
 */
/** The statement of findSessionUser: the same SQL for every request, compiled once. */
const sessionUserRead = compiledOnce((db, v: { id: string }) => ({
	query: db
		.selectFrom('sessions as s')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.selectAll('s')
		.select(REQUEST_USER_COLUMNS)
		.select((eb) => [
			rolesOfUserU(db).as('roles'),
			eb.selectFrom('data_stamp').select('n').where('id', '=', 1).as('stamp')
		])
		.where('s.id', '=', v.id)
}));

export async function findSessionUser(db: DB, id: string): Promise<SessionWithUser | undefined> {
	const [row] = (await sessionUserRead(db, { id })).rows;
	if (!row) return undefined;
	const { isActive, ...person } = toRequestUser(row);
	const user: SessionUser | null = isActive ? person : null;
	return { ...toSession(row), user, stamp: Number(row.stamp ?? 0) };
}
