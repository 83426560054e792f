import {
	error,
	isHttpError,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getRequestEvent } from '$app/server';
import { extractLocaleFromRequest, overwriteServerAsyncLocalStorage } from '$lib/paraglide/runtime';
import * as m from '$lib/paraglide/messages';
import { closeDb, getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { authenticate, clearSessionCookie, clientIp } from '$lib/server/auth/cookies';
import { auditRefusal } from '$lib/server/audit';
import { FormRequest, hasNul } from '$lib/server/http';
import { isAuditorOnly } from '$lib/domain/roles';
import { pageCache } from '$lib/server/page-cache';
import { apiAuth } from '$lib/server/api/auth';
import { isSetupNeeded } from '$lib/server/setup/setup.service';
import { observeDataStamp } from '$lib/server/settings/settings.service';
import { startScheduler, stopScheduler } from '$lib/server/jobs/scheduler';
import { errorFields, log } from '$lib/server/log';
import { reportServerError, requestLog } from '$lib/server/request-log';
// Registers its scheduler tick on import.
import '$lib/server/meetings/reminders.service';
import '$lib/server/supervision/urging.service';
import '$lib/server/mail/calendar-replies.service';
import '$lib/server/backup/backup.service';
import '$lib/server/audit-retention';
import '$lib/server/webhooks/webhooks.delivery';

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
	// The page's <link rel="modulepreload"> tags already preload; the same list as a Link header
	// (3.5 KB on some pages) overflows nginx's default 4 KB proxy_buffer_size: a 502.
	h.delete('Link');
	if (event.url.protocol === 'https:') {
		h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	if (!h.has('Cache-Control') && event.locals.user) h.set('Cache-Control', 'no-store');
	return response;
};

/**
 * The language of a request: the PARAGLIDE_LOCALE cookie, else the base locale (the strategy in
 * vite.config.ts). Paraglide's own middleware clones every Request and runs a second
 * AsyncLocalStorage for this; the locale is kept on the event SvelteKit already tracks instead,
 * and message functions read it from there (outside a request: the base locale).
 */
overwriteServerAsyncLocalStorage({
	getStore() {
		try {
			return { locale: getRequestEvent().locals.locale };
		} catch {
			return undefined; // not in a request: a scheduler tick, a script
		}
	},
	run: (_store: unknown, fn: () => unknown) => fn()
} as unknown as Parameters<typeof overwriteServerAsyncLocalStorage>[0]);

const i18n: Handle = ({ event, resolve }) => {
	const locale = extractLocaleFromRequest(event.request);
	event.locals.locale = locale;
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
	});
};

/**
 * Input no page may receive: a query string holding NUL (PostgreSQL cannot store it) is a 400;
 * every POST body is read through FormRequest, so a body that is not a form is a 4xx, once.
 */
const requestGuards: Handle = ({ event, resolve }) => {
	for (const [key, value] of event.url.searchParams) {
		if (hasNul(key) || hasNul(value)) error(400, m.error_nul_char());
	}
	if (event.request.method === 'POST') event.request = new FormRequest(event.request);
	return resolve(event);
};

/** Every refusal (403) is audited with the actor and the route, wherever it was decided. */
const auditRefusals: Handle = async ({ event, resolve }) => {
	const record = async () => {
		try {
			await auditRefusal(getDb(), {
				actor: event.locals.actor ?? null,
				ip: clientIp(event),
				method: event.request.method,
				path: event.url.pathname + event.url.search,
				route: event.route.id
			});
		} catch (e) {
			// The refusal stands even if the log cannot be written; the failure is logged.
			log.error(
				{ route: event.route.id, ...errorFields(e) },
				'refusal not recorded in the audit log'
			);
		}
	};
	try {
		const response = await resolve(event);
		if (response.status === 403) await record();
		return response;
	} catch (e) {
		if (isHttpError(e, 403)) await record();
		throw e;
	}
};

const PUBLIC_PATHS = ['/setup', '/login', '/calendar/', '/favicon'];
/** 三员分立: the security auditor reaches only the audit log and their own account. */
const AUDITOR_PATHS = ['/audit', '/account', '/logout', '/_app/'];

const auth: Handle = async ({ event, resolve }) => {
	// Probes and the metrics scrape: no session, no setup redirect, no database in the handle.
	if (['/healthz', '/readyz', '/metrics'].includes(event.url.pathname)) return resolve(event);
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

export const handle = sequence(
	requestLog,
	securityHeaders,
	i18n,
	requestGuards,
	auditRefusals,
	auth,
	// /api/v1: a bearer token, never the session cookie (src/lib/server/api/auth.ts).
	apiAuth,
	pageCache
);

/** What the person is told for a request refused as malformed (4xx): nothing was logged. */
function clientErrorMessage(status: number): string {
	switch (status) {
		case 403:
			return m.error_forbidden();
		case 404:
			return m.error_not_found();
		case 405:
			return m.error_method();
		case 413:
			return m.error_too_large();
		case 415:
			return m.error_media_type();
		default:
			return m.error_bad_request();
	}
}

export const handleError: HandleServerError = ({ error, event, status }) => {
	// SvelteKit's own refusals (no such action 404, 405, 413, 415) are the client's mistake:
	// a clear message, and nothing in the error log.
	if (status < 500) return { message: clientErrorMessage(status) };
	// Logged with its number, method, path and request id; never the request body.
	const id = reportServerError(event, error, status);
	return { message: m.error_internal(), id };
};
