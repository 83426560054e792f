import { browserName } from '$lib/user-agent';
import type { Actor } from '../actor';
import { audit } from '../audit';
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
	/** The browser by name ("Chrome 156 · Linux"), null when the header names none we know. */
	browser: string | null;
	/** The raw User-Agent header, for a tooltip. */
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
		createdAt: s.createdAt,
		lastSeenAt: s.lastSeenAt,
		ip: s.ip,
		browser: browserName(s.userAgent),
		userAgent: s.userAgent,
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
		await audit(trx, actor, 'auth.session_revoke', 'session', sessionId);
	});
}
