import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import { NotFoundError } from '../errors';
import { invalidateSession, listUserSessions } from './session';
import { inTransaction } from '../db/transaction';

export interface SessionView {
	id: string;
	createdAt: string;
	lastSeenAt: string;
	ip: string;
	userAgent: string;
	isCurrent: boolean;
}

export async function listMySessions(
	db: DB,
	actor: Actor,
	currentId: string
): Promise<SessionView[]> {
	const rows = await listUserSessions(db, actor.id);
	return rows.map((s) => ({
		id: s.id,
		createdAt: s.created_at,
		lastSeenAt: s.last_seen_at,
		ip: s.ip,
		userAgent: s.user_agent,
		isCurrent: s.id === currentId
	}));
}

/** Revokes one of the actor's own sessions; someone else's session id is "not found". */
export async function revokeMySession(db: DB, actor: Actor, sessionId: string): Promise<void> {
	await inTransaction(db, async (trx) => {
		// A simultaneous revoke of the same session waits here, then no longer finds it.
		await lockRow(trx, 'sessions', sessionId);
		const mine = (await listUserSessions(trx, actor.id)).some((s) => s.id === sessionId);
		if (!mine) throw new NotFoundError();
		await invalidateSession(trx, sessionId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'auth.session_revoke',
			entity: 'session',
			entityId: sessionId
		});
	});
}
