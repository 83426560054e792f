/**
 * Errors of the JSON API as RFC 9457 problem details (`application/problem+json`): type, title,
 * status, detail, and for a refused input `errors` {field: message} — the same messages the
 * pages show under the fields. The one mapping of the services' refusals for /api/v1.
 */
import { isHttpError } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';

export const PROBLEM_TYPE = 'application/problem+json';

export const PROBLEM_KINDS = {
	'bad-request': 400,
	validation: 400,
	unauthorized: 401,
	forbidden: 403,
	'insufficient-scope': 403,
	'not-found': 404,
	'method-not-allowed': 405,
	'payload-too-large': 413,
	'unsupported-media-type': 415,
	'rate-limited': 429,
	'server-error': 500
} as const;
export type ProblemKind = keyof typeof PROBLEM_KINDS;

export interface Problem {
	type: string;
	title: string;
	status: number;
	detail?: string;
	errors?: Record<string, string>;
}

/** The type URI of a kind of problem (documented on the reference page). */
export const problemType = (kind: ProblemKind) => `/api/docs#problem-${kind}`;

function titleOf(kind: ProblemKind): string {
	switch (kind) {
		case 'bad-request':
			return m.api_problem_bad_request();
		case 'validation':
			return m.api_problem_validation();
		case 'unauthorized':
			return m.api_problem_unauthorized();
		case 'forbidden':
			return m.api_problem_forbidden();
		case 'insufficient-scope':
			return m.api_problem_scope();
		case 'not-found':
			return m.api_problem_not_found();
		case 'method-not-allowed':
			return m.api_problem_method();
		case 'payload-too-large':
			return m.api_problem_too_large();
		case 'unsupported-media-type':
			return m.api_problem_media_type();
		case 'rate-limited':
			return m.api_problem_rate_limited();
		case 'server-error':
			return m.api_problem_server_error();
	}
}

/** A problem response; `headers` adds e.g. Retry-After or WWW-Authenticate. */
export function problem(
	kind: ProblemKind,
	detail?: string,
	o: { errors?: Record<string, string>; headers?: Record<string, string> } = {}
): Response {
	const status = PROBLEM_KINDS[kind];
	const body: Problem = { type: problemType(kind), title: titleOf(kind), status };
	if (detail) body.detail = detail;
	if (o.errors) body.errors = o.errors;
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': PROBLEM_TYPE, 'cache-control': 'no-store', ...o.headers }
	});
}

/** The kind of problem a bare status code means (SvelteKit's own 404, 405, 413 …). */
export function kindOfStatus(status: number): ProblemKind {
	switch (status) {
		case 401:
			return 'unauthorized';
		case 403:
			return 'forbidden';
		case 404:
			return 'not-found';
		case 405:
			return 'method-not-allowed';
		case 413:
			return 'payload-too-large';
		case 415:
			return 'unsupported-media-type';
		case 429:
			return 'rate-limited';
		default:
			return status >= 500 ? 'server-error' : 'bad-request';
	}
}

/**
 * A service's refusal as a problem: ValidationError 400 with every field message,
 * ForbiddenError 403, NotFoundError 404, SvelteKit's error() by its status. Anything else is a
 * real failure and is rethrown (a 500 with the error's number, logged by handleError).
 */
export function problemOf(e: unknown): Response {
	if (e instanceof ValidationError) {
		const { _: general, ...fields } = e.fields;
		return problem('validation', general ?? m.form_has_errors(), {
			errors: Object.keys(fields).length ? fields : undefined
		});
	}
	if (e instanceof NotFoundError) return problem('not-found', m.error_not_found());
	if (e instanceof ForbiddenError) return problem('forbidden', m.error_forbidden());
	if (isHttpError(e)) return problem(kindOfStatus(e.status), e.body.message);
	throw e;
}
