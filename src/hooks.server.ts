import {
	error,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import * as m from '$lib/paraglide/messages';
import { closeDb, getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { authenticate, clearSessionCookie } from '$lib/server/auth/cookies';
import { isAuditorOnly } from '$lib/domain/roles';
import { pageCache } from '$lib/server/page-cache';
import { isSetupNeeded } from '$lib/server/setup/setup.service';
import { observeDataStamp } from '$lib/server/settings/settings.service';
import { startScheduler, stopScheduler } from '$lib/server/jobs/scheduler';
// Registers its scheduler tick on import.
import '$lib/server/meetings/reminders';

export const init: ServerInit = async () => {
	await migrateToLatest(getDb());
	// HUIBAN_SCHEDULER=off for processes that must not send mail or reminders (e.g. e2e runs).
	if (process.env.HUIBAN_SCHEDULER !== 'off') startScheduler(getDb());
	process.once('sveltekit:shutdown', () => {
		stopScheduler();
		void closeDb();
	});
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('X-Frame-Options', 'DENY');
	h.set('Referrer-Policy', 'same-origin');
	h.set('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()');
	h.set('Cross-Origin-Opener-Policy', 'same-origin');
	if (event.url.protocol === 'https:') {
		h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	if (!h.has('Cache-Control') && event.locals.user) h.set('Cache-Control', 'no-store');
	return response;
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const PUBLIC_PATHS = ['/setup', '/login', '/calendar/', '/favicon'];
/** 三员分立: the security auditor reaches only the audit log and their own account. */
const AUDITOR_PATHS = ['/audit', '/account', '/logout', '/_app/'];

const auth: Handle = async ({ event, resolve }) => {
	if (event.url.pathname === '/healthz') return resolve(event);
	const db = getDb();
	Object.assign(event.locals, { user: null, session: null, actor: null, stamp: null });
	const path = event.url.pathname;
	if (await isSetupNeeded(db)) {
		if (path !== '/setup' && !path.startsWith('/_app/')) redirect(303, '/setup');
		return resolve(event);
	}
	const found = await authenticate(db, event);
	if (!found) clearSessionCookie(event);
	if (event.locals.stamp !== null) observeDataStamp(event.locals.stamp);
	const roles = event.locals.user?.roles ?? [];
	if (isAuditorOnly(roles) && !AUDITOR_PATHS.some((p) => path.startsWith(p))) {
		// Pages lead to the audit log; form posts and endpoints are refused outright.
		if (event.request.method === 'GET') redirect(303, '/audit');
		error(403, m.error_forbidden());
	}
	if (
		event.locals.user?.isPasswordChangeRequired &&
		path !== '/account/password' &&
		path !== '/logout' &&
		!PUBLIC_PATHS.some((p) => path.startsWith(p))
	) {
		redirect(303, '/account/password');
	}
	return resolve(event);
};

export const handle = sequence(securityHeaders, i18n, auth, pageCache);

export const handleError: HandleServerError = ({ error, status }) => {
	const id = crypto.randomUUID().slice(0, 8);
	// Log the error itself, never the request body (it may hold passwords).
	if (status !== 404) console.error(`[error ${id}]`, error instanceof Error ? error.stack : error);
	return { message: status === 404 ? m.error_not_found() : m.error_internal(), id };
};
