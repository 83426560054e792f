/**
 * The JSON API's gate (src/hooks.server.ts runs it after the session step): a request under
 * /api/v1 speaks for the person of its `Authorization: Bearer hb_…` token, as the same Actor the
 * pages use, so the services' permission predicates apply unchanged. A session cookie is never
 * accepted here (no CSRF through the API); a 'read' token may only GET; each token has a
 * request budget per minute. Every refusal, and every error a route or SvelteKit gives under
 * /api/v1 (an unknown route, a wrong method), is a problem document.
 */
import type { Handle, RequestEvent } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { isAuditorOnly } from '$lib/domain/roles';
import { clientIp } from '../auth/cookies';
import * as clock from '../clock';
import { getDb } from '../db';
import { log, errorFields } from '../log';
import { PROBLEM_TYPE, kindOfStatus, problem } from './problem';
import { RateWindows, apiRateLimit } from './rate-limit';
import { authenticateApiToken, recordApiUse } from './tokens.service';

export const API_PREFIX = '/api/v1';
/** Readable without a token: the OpenAPI document. */
const PUBLIC_API_PATHS = new Set([`${API_PREFIX}/openapi.json`]);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const windows = new RateWindows(apiRateLimit());

function bearer(event: RequestEvent): string | null {
	const h = event.request.headers.get('authorization');
	if (!h) return null;
	const match = /^Bearer\s+(\S+)\s*$/i.exec(h);
	return match ? match[1] : '';
}

const challenge = (error?: string) => ({
	'www-authenticate': error ? `Bearer realm="huiban", error="${error}"` : 'Bearer realm="huiban"'
});

/** Any error SvelteKit or a route answered with that is not yet a problem document becomes one. */
async function asProblem(response: Response): Promise<Response> {
	if (response.status < 400) return response;
	if ((response.headers.get('content-type') ?? '').startsWith(PROBLEM_TYPE)) return response;
	let detail: string | undefined;
	try {
		const body = (await response.clone().json()) as { message?: unknown };
		if (typeof body?.message === 'string') detail = body.message;
	} catch {
		detail = undefined;
	}
	const allow = response.headers.get('allow');
	return problem(kindOfStatus(response.status), detail, {
		headers: allow ? { allow } : undefined
	});
}

export const apiAuth: Handle = async ({ event, resolve }) => {
	const path = event.url.pathname;
	if (path !== API_PREFIX && !path.startsWith(API_PREFIX + '/')) return resolve(event);
	// The session step may have read a cookie: the API never acts on one.
	Object.assign(event.locals, { user: null, session: null, actor: null, stamp: null });
	if (PUBLIC_API_PATHS.has(path)) return asProblem(await resolve(event));

	const token = bearer(event);
	if (token === null)
		return problem('unauthorized', m.api_err_no_token(), { headers: challenge() });
	const db = getDb();
	const found = await authenticateApiToken(db, token);
	if (!found.ok) {
		const detail =
			found.reason === 'expired'
				? m.api_err_token_expired()
				: found.reason === 'revoked'
					? m.api_err_token_revoked()
					: m.api_err_bad_token();
		return problem('unauthorized', detail, { headers: challenge('invalid_token') });
	}
	const { user } = found;
	// 三员分立: the security auditor reads the audit log in the app and nothing through the API.
	if (isAuditorOnly(user.roles)) return problem('forbidden', m.error_forbidden());
	if (found.scope === 'read' && !READ_METHODS.has(event.request.method)) {
		return problem('insufficient-scope', m.api_err_read_scope(), {
			headers: challenge('insufficient_scope')
		});
	}
	const at = clock.now();
	const turn = windows.take(found.tokenId, at.getTime());
	if (!turn.ok) {
		return problem('rate-limited', m.api_err_rate_limited({ seconds: turn.retryAfter }), {
			headers: { 'retry-after': String(turn.retryAfter) }
		});
	}
	const actor = { id: user.id, name: user.name, roles: user.roles, ip: clientIp(event) };
	Object.assign(event.locals, { user, actor });
	try {
		await recordApiUse(db, actor, found.tokenId, { method: event.request.method, path }, at);
	} catch (e) {
		// The request stands even if its use cannot be written down; the failure is logged.
		log.warn({ tokenId: found.tokenId, ...errorFields(e) }, 'api use not recorded');
	}
	return asProblem(await resolve(event));
};
