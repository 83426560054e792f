/**
 * The route side of /api/v1: one wrapper per handler (the actor set by apiAuth, JSON out, a
 * service's refusal as a problem document), the JSON body reader and the query readers with
 * field messages.
 */
import { error, json, type RequestEvent } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { isCalendarDate } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { isRecordId } from '../validation';
import { problemOf } from './problem';

/** An answer other than 200: a status and, for 201, where the new record is. */
export class Created<T> {
	constructor(
		readonly body: T,
		readonly location: string
	) {}
}

/**
 * The one API handler wrapper: calls `work` with the token's actor; a plain value is a 200 JSON
 * body, `Created` a 201 with Location; a refusal is a problem (400 with every field, 403, 404).
 */
export function apiHandler<E extends RequestEvent>(
	work: (actor: Actor, event: E) => Promise<unknown>
) {
	return async (event: E): Promise<Response> => {
		try {
			const actor = event.locals.actor;
			// apiAuth lets no request through without one; this is the belt to its braces.
			if (!actor) throw new ForbiddenError();
			const out = await work(actor, event);
			if (out instanceof Created) {
				return json(out.body, {
					status: 201,
					headers: { location: out.location, 'cache-control': 'no-store' }
				});
			}
			return json(out, { headers: { 'cache-control': 'no-store' } });
		} catch (e) {
			return problemOf(e);
		}
	};
}

/** The request's JSON object: another media type is a 415, broken JSON or a non-object a 400. */
export async function readJson(event: RequestEvent): Promise<Record<string, unknown>> {
	const type = event.request.headers.get('content-type') ?? '';
	if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) error(415, m.api_err_json_only());
	let body: unknown;
	try {
		body = await event.request.json();
	} catch (e) {
		// adapter-node errors the body stream with a 413 past BODY_SIZE_LIMIT (as FormRequest).
		const why = e as { status?: unknown; cause?: { status?: unknown } } | null;
		if (why?.status === 413 || why?.cause?.status === 413) error(413, m.error_too_large());
		error(400, m.api_err_bad_json());
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) error(400, m.api_err_bad_json());
	return body as Record<string, unknown>;
}

/** A record id from the path; anything else names no record. */
export function idParam(raw: string | undefined): number {
	const id = Number(raw);
	if (!/^\d{1,10}$/.test(raw ?? '') || !isRecordId(id)) throw new NotFoundError();
	return id;
}

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

/**
 * A list's query string, read by kind; every malformed value is named in one 400 (the field is
 * the parameter's name). A blank value counts as absent.
 */
export function apiQuery(url: URL) {
	const errors: Record<string, string> = {};
	const raw = (name: string) => (url.searchParams.get(name) ?? '').trim();
	const whole = (name: string, min: number, max: number, dflt: number, msg: () => string) => {
		const v = raw(name);
		if (!v) return dflt;
		const n = Number(v);
		if (/^\d{1,7}$/.test(v) && n >= min && n <= max) return n;
		errors[name] = msg();
		return dflt;
	};
	return {
		page: () => whole('page', 1, 100_000, 1, () => m.api_err_page()),
		perPage: () =>
			whole('per_page', 1, MAX_PER_PAGE, DEFAULT_PER_PAGE, () =>
				m.api_err_per_page({ max: MAX_PER_PAGE })
			),
		text: (name: string, max = 200) => raw(name).slice(0, max) || undefined,
		id(name: string): number | undefined {
			const v = raw(name);
			if (!v) return undefined;
			const n = Number(v);
			if (/^\d{1,10}$/.test(v) && isRecordId(n)) return n;
			errors[name] = m.err_choose_one();
			return undefined;
		},
		date(name: string): string | undefined {
			const v = raw(name);
			if (!v) return undefined;
			if (/^(19|2\d)\d{2}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v)) return v;
			errors[name] = m.err_date();
			return undefined;
		},
		oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
			const v = raw(name);
			if (!v) return undefined;
			const found = values.find((x) => x === v);
			if (!found) errors[name] = m.err_choose_one();
			return found;
		},
		/** Throws the 400 naming every bad parameter read so far. */
		done(): void {
			if (Object.keys(errors).length) throw new ValidationError(errors, m.api_err_query());
		}
	};
}
