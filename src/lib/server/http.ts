import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/roles';
import type { Actor } from './actor';
import { hasRole } from './auth/guard';
import { LoginError } from './auth/auth.service';
import { ForbiddenError, NotFoundError, ValidationError } from './errors';

/** The signed-in actor, or a redirect to the login page. */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const actor = event.locals.actor;
	if (!actor) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	return actor;
}

/** For page loads: the actor must hold one of the roles, else 403. */
export function requirePageRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	...roles: Role[]
): Actor {
	const actor = requireActor(event);
	if (!hasRole(actor, ...roles)) error(403, m.error_forbidden());
	return actor;
}

/** Form fields as an object; repeated fields (checkbox groups) become arrays. */
export function formToObject(form: FormData, arrays: string[] = []): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key] = arrays.includes(key) ? all : (all[0] ?? '');
	}
	for (const key of arrays) out[key] ??= [];
	return out;
}

const SECRET_FIELD = /password|confirm|current|next/i;

/**
 * Turns a service error into the response a form action should give: 400 with field errors
 * and the submitted values (never passwords), 403, or 404. Anything else is a real failure.
 */
export function actionFailure(e: unknown, values: Record<string, unknown> = {}) {
	const safe = Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELD.test(k)));
	if (e instanceof ValidationError) {
		return fail(400, {
			errors: e.fields,
			message: e.fields._ ?? m.form_has_errors(),
			values: safe
		});
	}
	if (e instanceof LoginError) return fail(400, { errors: {}, message: e.message, values: safe });
	if (e instanceof NotFoundError) error(404, m.error_not_found());
	if (e instanceof ForbiddenError) error(403, m.error_forbidden());
	throw e;
}

export function pageNumber(url: URL): number {
	const n = Number(url.searchParams.get('page') ?? '1');
	return Number.isInteger(n) && n > 0 ? n : 1;
}

/** For loads: a service's NotFound / Forbidden become 404 / 403 pages. */
export async function orHttpError<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (e) {
		if (e instanceof NotFoundError) error(404, m.error_not_found());
		if (e instanceof ForbiddenError) error(403, m.error_forbidden());
		throw e;
	}
}

/**
 * A form action that calls one service with the signed-in actor and the posted form: success
 * returns `{ done, result }` (done from the form's `_done` field), a refusal the usual failure.
 */
export function formAction<E extends RequestEvent>(
	work: (actor: Actor, form: FormData, event: E) => Promise<unknown>
) {
	return async (event: E) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		try {
			const result = await work(actor, form, event);
			return { done: String(form.get('_done') ?? 'ok'), result: result ?? null };
		} catch (e) {
			return actionFailure(e, formToObject(form));
		}
	};
}

/** A positive integer id from the URL, or a 404 page. */
/** The largest id a row can have (PostgreSQL serial). */
export const MAX_ID = 2_147_483_647;

export function idParam(value: string | undefined): number {
	const id = Number(value);
	// Ids are 32-bit on PostgreSQL (serial): a larger one names nothing, as on SQLite.
	if (!Number.isInteger(id) || id <= 0 || id > MAX_ID) error(404, m.error_not_found());
	return id;
}

/** A posted record id (a form field); anything but an id a row can have names no record. */
export function recordId(raw: unknown): number {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0 || id > MAX_ID) throw new NotFoundError();
	return id;
}
