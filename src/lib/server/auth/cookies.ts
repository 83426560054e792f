import type { RequestEvent } from '@sveltejs/kit';
import type { DB } from '../db';
import { getSettings } from '../settings/settings.service';
import { loadSessionUser } from './auth.service';
import { SESSION_COOKIE, validateSessionToken, type Session } from './session';

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
		expires: new Date(session.expires_at)
	});
}

export function clearSessionCookie(event: RequestEvent): void {
	if (event.cookies.get(SESSION_COOKIE)) event.cookies.delete(SESSION_COOKIE, { path: '/' });
}

/** Fills locals.user / session / actor from the session cookie; false when there is none. */
export async function authenticate(db: DB, event: RequestEvent): Promise<boolean> {
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return true;
	const settings = await getSettings(db);
	const session = await validateSessionToken(db, token, {
		idleMinutes: settings.sessionIdleMinutes,
		absoluteHours: settings.sessionAbsoluteHours
	});
	const user = session && (await loadSessionUser(db, session.user_id));
	if (!session || !user) return false;
	event.locals.session = session;
	event.locals.user = user;
	event.locals.actor = { id: user.id, name: user.name, roles: user.roles, ip: clientIp(event) };
	return true;
}
