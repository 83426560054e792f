import { isHttpError, isRedirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { errorFields, log } from './log';
import { observeRequest } from './metrics';

/**
 * The first handle: gives every request an id (a sane incoming `X-Request-Id`, else a new one,
 * echoed in the response), writes one JSON log line when it is answered and counts it in the
 * metrics. The line holds the method, route id, path without its query string and with path
 * tokens masked, status, duration and user id — never a password, token, cookie or session id.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

interface RequestState {
	id: string;
	/** The number of the 500 this request was answered with, if any. */
	errorId?: string;
}

const states = new WeakMap<RequestEvent, RequestState>();

export function requestIdFrom(header: string | null): string {
	return header && SANE_ID.test(header) ? header : crypto.randomUUID();
}

export function requestIdOf(event: RequestEvent): string | undefined {
	return states.get(event)?.id;
}

// Route parameters whose values are secrets (e.g. /calendar/[token].ics).
const SECRET_PARAM = /token|secret|key|password/i;

/** The path to log: no query string, and every secret route parameter replaced by `***`. */
export function loggablePath(event: Pick<RequestEvent, 'url' | 'params' | 'route'>): string {
	let path = event.url.pathname;
	for (const [name, value] of Object.entries(event.params ?? {})) {
		if (value && SECRET_PARAM.test(name)) path = path.split(value).join('***');
	}
	// A path no route matched may still carry a token (a mistyped calendar address).
	if (!event.route?.id) path = path.replace(/\/calendar\/[^/]+/, '/calendar/***');
	return path;
}

/**
 * A server error: logged once with its number, the request's method, path and id; the number
 * is what the 500 page shows. Called by handleError and for errors that escape the handles.
 */
export function reportServerError(event: RequestEvent, error: unknown, status = 500): string {
	const errorId = crypto.randomUUID().slice(0, 8);
	const state = states.get(event);
	if (state) state.errorId = errorId;
	log.error(
		{
			errorId,
			requestId: state?.id,
			method: event.request.method,
			path: loggablePath(event),
			route: event.route?.id ?? null,
			status,
			...errorFields(error)
		},
		'server error'
	);
	return errorId;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The 500 for an error no page could render (the database gone while the handles ask it for
 * the session): the same words and number as the error page, in a page of its own.
 */
export function serverErrorResponse(
	request: Request,
	errorId: string,
	requestId: string
): Response {
	const headers = {
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		'x-frame-options': 'DENY',
		[REQUEST_ID_HEADER]: requestId
	};
	if (!(request.headers.get('accept') ?? '').includes('text/html')) {
		return Response.json({ message: m.error_internal(), id: errorId }, { status: 500, headers });
	}
	const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>500 · ${escapeHtml(m.app_name())}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#1f2328}.muted{color:#59636e}</style>
</head><body><h1>500</h1><p>${escapeHtml(m.error_internal())}</p>
<p class="muted">${escapeHtml(m.error_reference({ id: errorId }))}</p>
<p><a href="/">${escapeHtml(m.back_home())}</a></p></body></html>`;
	return new Response(html, {
		status: 500,
		headers: { ...headers, 'content-type': 'text/html; charset=utf-8' }
	});
}

export const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const state: RequestState = { id: requestIdFrom(event.request.headers.get(REQUEST_ID_HEADER)) };
	states.set(event, state);
	const done = (status: number) => {
		const seconds = (performance.now() - started) / 1000;
		observeRequest(event.route.id, event.request.method, status, seconds);
		log.info(
			{
				requestId: state.id,
				method: event.request.method,
				route: event.route.id,
				path: loggablePath(event),
				status,
				ms: Math.round(seconds * 10_000) / 10,
				userId: event.locals.user?.id ?? null,
				...(state.errorId ? { errorId: state.errorId } : {})
			},
			'request'
		);
	};
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		// Refusals and redirects thrown by a handle are SvelteKit's to answer (with the cookies
		// set meanwhile); anything else would become its bare error page without a number.
		if (isHttpError(e) || isRedirect(e)) {
			done(e.status);
			throw e;
		}
		response = serverErrorResponse(event.request, reportServerError(event, e), state.id);
	}
	try {
		response.headers.set(REQUEST_ID_HEADER, state.id);
	} catch {
		// An immutable response (fetched elsewhere and passed on) keeps its headers.
	}
	done(response.status);
	return response;
};
