import type { RequestEvent } from '@sveltejs/kit';
import type { DB } from '../db';
import { getSettings } from '../settings/settings.service';
import { findSessionUser } from './sessions.repository';
import { SESSION_COOKIE, validateSessionWith, type Session } from './session';
import { now } from '../clock';

export function clientIp(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return '';
	}
}

export function setSessionCookie(event: RequestEvent, token: string, session: Session): void {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		expires: new Date(session.expiresAt)
	});
}

export function clearSessionCookie(event: RequestEvent): void {
	if (event.cookies.get(SESSION_COOKIE)) event.cookies.delete(SESSION_COOKIE, { path: '/' });
}

/**
 * Fills locals.user / session / actor / stamp from the session cookie (one query); false when
 * the cookie names no live session of an active account.
 */
export async function authenticate(db: DB, event: RequestEvent): Promise<boolean> {
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return true;
	const settings = await getSettings(db);
	const found = await validateSessionWith(
		db,
		token,
		{ idleMinutes: settings.sessionIdleMinutes, absoluteHours: settings.sessionAbsoluteHours },
		now(),
		(id) => findSessionUser(db, id)
	);
	if (!found?.user) return false;
	const { user, stamp, ...session } = found;
	event.locals.session = session;
	event.locals.user = user;
	event.locals.stamp = stamp;
	event.locals.actor = { id: user.id, name: user.name, roles: user.roles, ip: clientIp(event) };
	return true;
}
