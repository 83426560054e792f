import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { isCalendarDate } from '$lib/domain/working-days';
import type { Actor } from './actor';
import { LoginError } from './auth/auth.service';
import { ForbiddenError, NotFoundError, ValidationError } from './errors';
import type { Permission } from './permissions';
import { isRecordId, MAX_ID } from './validation';

/** The signed-in actor, or a redirect to the login page. */
export function requireActor(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const actor = event.locals.actor;
	if (!actor) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	return actor;
}

/** For page loads and actions: the signed-in actor must have the permission, else 403. */
export function requirePage(event: Pick<RequestEvent, 'locals' | 'url'>, can: Permission): Actor {
	const actor = requireActor(event);
	if (!can(actor)) error(403, m.error_forbidden());
	return actor;
}

/**
 * Form fields as an object: a field posted more than once (a checkbox group, picker chips,
 * table rows) becomes an array, as do the names in `arrays` even when posted once or not at
 * all. Used to hand a form's values back after a refusal.
 */
export function formToObject(
	form: FormData,
	arrays: readonly string[] = []
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string');
		out[key] = arrays.includes(key) || all.length > 1 ? all : (all[0] ?? '');
	}
	for (const key of arrays) out[key] ??= [];
	return out;
}

/** The zod type under optional / default / nullable / preprocess wrappers. */
function isArrayField(t: z.ZodType): boolean {
	const def = (t as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
	if (def.type === 'array') return true;
	if (def.type === 'pipe')
		return isArrayField(def.in as z.ZodType) || isArrayField(def.out as z.ZodType);
	if (def.innerType) return isArrayField(def.innerType as z.ZodType);
	return false;
}

/**
 * A posted form read the way a module's exported schema names its fields: exactly the schema's
 * fields, arrays where the schema has arrays. The result is typed as the service's input; the
 * service validates it (rules stay in one place, whoever calls).
 */
export function formInput<S extends z.ZodObject>(form: FormData, schema: S): z.input<S> {
	const arrays = Object.entries(schema.shape)
		.filter(([, t]) => isArrayField(t as z.ZodType))
		.map(([k]) => k);
	const all = formToObject(form, arrays);
	return Object.fromEntries(
		Object.keys(schema.shape)
			.filter((k) => k in all)
			.map((k) => [k, all[k]])
	) as z.input<S>;
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

/** The highest page number a list accepts (so OFFSET stays a small integer on both databases). */
export const MAX_PAGE = 100_000;

/** Calendar dates a filter may name: real dates in years 1900–2999. */
const QUERY_DATE = /^(19|2\d)\d{2}-\d{2}-\d{2}$/;

/**
 * A list page's query string, read by kind. Anyone can edit the address bar, so a malformed
 * value is a 400 with a clear message, never a database error; a blank value (an empty filter
 * field) counts as absent. Every list page reads its filters through this one reader.
 */
export function queryParams(url: URL) {
	const raw = (name: string) => (url.searchParams.get(name) ?? '').trim();
	const bad = (): never => error(400, m.error_bad_query());
	return {
		/** Free text, trimmed and cut to `max` characters; '' when absent. */
		text: (name: string, max = 200): string => raw(name).slice(0, max),
		/** `page`: 1 when absent. */
		page(): number {
			const v = raw('page');
			if (!v) return 1;
			const n = Number(v);
			return /^\d{1,6}$/.test(v) && n >= 1 && n <= MAX_PAGE ? n : bad();
		},
		/** A record id used as a filter. */
		id(name: string): number | undefined {
			const v = raw(name);
			if (!v) return undefined;
			const n = Number(v);
			return /^\d{1,10}$/.test(v) && n >= 1 && n <= MAX_ID ? n : bad();
		},
		/** A calendar date YYYY-MM-DD. */
		date(name: string): string | undefined {
			const v = raw(name);
			if (!v) return undefined;
			return QUERY_DATE.test(v) && isCalendarDate(v) ? v : bad();
		}
	};
}

export function pageNumber(url: URL): number {
	return queryParams(url).page();
}

/**
 * Where to go after signing in: only a path on this site. The address is read as the browser
 * would (a backslash is a slash, tabs and newlines vanish), so `/\evil.example` and `/\t/evil`
 * cannot leave the site; anything else goes to the start page.
 */
export function safeNext(next: string | null | undefined): string {
	if (!next || !next.startsWith('/')) return '/';
	const base = 'http://huiban.invalid';
	let url: URL;
	try {
		url = new URL(next, base);
	} catch {
		return '/';
	}
	if (url.origin !== base) return '/';
	const path = url.pathname + url.search + url.hash;
	// The normalised path must itself be read as a path here, never as //host.
	return path.startsWith('/') && !path.startsWith('//') ? path : '/';
}

/** Text PostgreSQL cannot store and no person types. */
export function hasNul(text: string): boolean {
	return text.includes('\0');
}

/**
 * The request as form actions read it: a body that is not a form (a wrong content type,
 * broken multipart) is a 400 and one over the size limit a 413, each with a clear message
 * instead of a server error; a field holding a NUL character is refused as a 400.
 * hooks.server.ts wraps every POST in it, so every action gets this once.
 */
export class FormRequest extends Request {
	override async formData(): Promise<FormData> {
		let form: FormData;
		try {
			form = await super.formData();
		} catch (e) {
			// adapter-node errors the body stream with a 413 once it passes BODY_SIZE_LIMIT;
			// Node's fetch hands it on as the cause of a TypeError.
			const why = e as { status?: unknown; cause?: { status?: unknown } } | null;
			if (why?.status === 413 || why?.cause?.status === 413) error(413, m.error_too_large());
			error(400, m.error_bad_form());
		}
		for (const [key, value] of form) {
			if (hasNul(key) || (typeof value === 'string' && hasNul(value))) {
				error(400, m.error_nul_char());
			}
		}
		return form;
	}
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
 * The one form-action wrapper: calls a service with the signed-in actor and the posted form.
 * Success returns `{ done, result }` (done from the form's `_done` field); a `redirect()` thrown
 * by `work` passes through; a refusal becomes the usual failure (400 with every field error and
 * the values posted, 403, 404). Read fields with `formInput(form, schema)`.
 */
export function formAction<E extends RequestEvent, R = unknown>(
	work: (actor: Actor, form: FormData, event: E) => Promise<R>
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

/**
 * `formAction` for the two forms used before anyone is signed in (sign-in, first-run setup):
 * the same answers, without an actor.
 */
export function publicFormAction<E extends RequestEvent>(
	work: (form: FormData, event: E) => Promise<unknown>
) {
	return async (event: E) => {
		const form = await event.request.formData();
		try {
			const result = await work(form, event);
			return { done: String(form.get('_done') ?? 'ok'), result: result ?? null };
		} catch (e) {
			return actionFailure(e, formToObject(form));
		}
	};
}

export { MAX_ID };

/** A positive integer id from the URL, or a 404 page. */
export function idParam(value: string | undefined): number {
	const id = Number(value);
	// Ids are 32-bit on PostgreSQL (serial): a larger one names nothing, as on SQLite.
	if (!isRecordId(id)) error(404, m.error_not_found());
	return id;
}

/** A posted record id (a form field); anything but an id a row can have names no record. */
export function recordId(raw: unknown): number {
	const id = Number(raw);
	if (!isRecordId(id)) throw new NotFoundError();
	return id;
}
