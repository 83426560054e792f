import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DB } from '../db';
import * as clock from '../clock';
import {
	deleteSession,
	deleteSessionsExpiredBy,
	deleteSessionsOfUser,
	findSessionById,
	insertSession,
	listSessionsOfUser,
	updateSessionLastSeen,
	type Session
} from './sessions.repository';

// The Lucia guide's design: token = "<id>.<secret>"; only SHA-256(secret) is stored.
export const SESSION_COOKIE = 'huiban_session';

export type { Session } from './sessions.repository';

export interface SessionLimits {
	idleMinutes: number;
	absoluteHours: number;
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
function randomString(length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] >> 3];
	return out;
}

function hashSecret(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

export function parseSessionToken(token: string): { id: string; secret: string } | null {
	const [id, secret, ...rest] = token.split('.');
	if (rest.length || !id || !secret || id.length > 32 || secret.length > 64) return null;
	return { id, secret };
}

export async function createSession(
	db: DB,
	userId: number,
	limits: SessionLimits,
	meta: { ip: string; userAgent: string },
	now = clock.now()
): Promise<{ token: string; session: Session }> {
	const id = randomString(24);
	const secret = randomString(32);
	const session: Session = {
		id,
		userId,
		secretHash: hashSecret(secret),
		createdAt: now.toISOString(),
		lastSeenAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + limits.absoluteHours * 3600_000).toISOString(),
		ip: meta.ip.slice(0, 64),
		userAgent: meta.userAgent.slice(0, 255)
	};
	await insertSession(db, session);
	return { token: `${id}.${secret}`, session };
}

/** The live session for a token, touching last_seen_at; null if unknown, idle or expired. */
export function validateSessionToken(
	db: DB,
	token: string,
	limits: SessionLimits,
	now = clock.now()
): Promise<Session | null> {
	return validateSessionWith(db, token, limits, now, (id) => findSessionById(db, id));
}

/**
 * validateSessionToken with the session row fetched by `find`, which may bring more columns
 * along in the same query (the signed-in person, see sessions.repository's findSessionUser).
 */
export async function validateSessionWith<T extends Session>(
	db: DB,
	token: string,
	limits: SessionLimits,
	now: Date,
	find: (id: string) => Promise<T | undefined>
): Promise<T | null> {
	const parsed = parseSessionToken(token);
	if (!parsed) return null;
	const session = await find(parsed.id);
	if (!session) return null;
	const expected = Buffer.from(session.secretHash, 'hex');
	const given = Buffer.from(hashSecret(parsed.secret), 'hex');
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	const idleEnd = new Date(session.lastSeenAt).getTime() + limits.idleMinutes * 60_000;
	const absoluteEnd = Math.min(
		new Date(session.expiresAt).getTime(),
		new Date(session.createdAt).getTime() + limits.absoluteHours * 3600_000
	);
	if (now.getTime() >= idleEnd || now.getTime() >= absoluteEnd) {
		await invalidateSession(db, session.id);
		return null;
	}
	// Write at most once a minute so page views stay read-only.
	if (now.getTime() - new Date(session.lastSeenAt).getTime() > 60_000) {
		session.lastSeenAt = now.toISOString();
		await updateSessionLastSeen(db, session.id, session.lastSeenAt);
	}
	return session;
}

export async function invalidateSession(db: DB, sessionId: string): Promise<void> {
	await deleteSession(db, sessionId);
}

export async function invalidateUserSessions(db: DB, userId: number, exceptId?: string) {
	await deleteSessionsOfUser(db, userId, exceptId);
}

export async function listUserSessions(db: DB, userId: number): Promise<Session[]> {
	return listSessionsOfUser(db, userId);
}

export async function deleteExpiredSessions(db: DB, now = clock.now()): Promise<void> {
	await deleteSessionsExpiredBy(db, now.toISOString());
}
