import type { Handle } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { readConfig } from './config';
import { getDb } from './db';
import { readStamp } from './db/stamp';
import { now } from './clock';

/**
 * Rendered responses kept per session for as long as nothing they show can have changed.
 *
 * A response is reused only for the same session (or, for the public feed, the same secret
 * URL), the same raw request URL, the same language, the same database change stamp (every
 * committed write anywhere advances it, in any process — db/stamp.ts) and the same clock
 * minute (pages depend on "now" at minute resolution: deadlines, check-in windows, today).
 * Only the routes listed here take part: their loads read the database, the session and the
 * URL and nothing else, and what they write (notifications marked read) advances the stamp.
 */
export const CACHED_ROUTES: ReadonlySet<string> = new Set([
	'/(app)',
	'/(app)/meetings',
	'/(app)/meetings/[id]',
	'/(app)/meetings/calendar',
	'/(app)/meetings/calendar/events',
	'/(app)/supervision',
	'/(app)/supervision/[id]',
	'/(app)/supervision/mine',
	'/(app)/supervision/board',
	'/calendar/[token].ics'
]);

const FRAMING = new Set(['content-length', 'transfer-encoding', 'connection']);

/** Larger bodies (a very long feed, say) are not worth holding. */
const MAX_ENTRY_BYTES = 2 * 1024 * 1024;

interface Entry {
	status: number;
	headers: [string, string][];
	body: Uint8Array<ArrayBuffer>;
	size: number;
}

/** Least recently used entries go first once the bytes held pass the budget. */
export class ResponseStore {
	#entries = new Map<string, Entry>();
	#bytes = 0;
	hits = 0;
	misses = 0;

	constructor(readonly maxBytes: number) {}

	get size(): number {
		return this.#entries.size;
	}

	get bytes(): number {
		return this.#bytes;
	}

	get(key: string): Entry | undefined {
		const e = this.#entries.get(key);
		if (!e) {
			this.misses++;
			return undefined;
		}
		this.hits++;
		this.#entries.delete(key);
		this.#entries.set(key, e);
		return e;
	}

	set(key: string, e: Entry): void {
		if (e.size > MAX_ENTRY_BYTES || e.size > this.maxBytes) return;
		this.#drop(key);
		this.#entries.set(key, e);
		this.#bytes += e.size;
		for (const [k] of this.#entries) {
			if (this.#bytes <= this.maxBytes) break;
			this.#drop(k);
		}
	}

	#drop(key: string): void {
		const old = this.#entries.get(key);
		if (!old) return;
		this.#entries.delete(key);
		this.#bytes -= old.size;
	}
}

export interface CacheKeyParts {
	/** The session id, or '' for a public URL whose secret is in the path (the feed). */
	session: string;
	locale: string;
	/** The raw request URL: a page and its __data.json must not share an entry. */
	url: string;
	stamp: number;
	now: number;
}

export function cacheKey(p: CacheKeyParts): string {
	return [p.session, p.locale, p.url, p.stamp, Math.floor(p.now / 60_000)].join('\n');
}

const budget = readConfig().pageCacheBytes;
export const pageStore = new ResponseStore(budget);

function toResponse(e: Entry): Response {
	return new Response(e.body, { status: e.status, headers: e.headers });
}

/** The handle step: after auth (locals.session and locals.stamp are known). */
export const pageCache: Handle = async ({ event, resolve }) => {
	const route = event.route.id;
	if (!budget || event.request.method !== 'GET' || !route || !CACHED_ROUTES.has(route)) {
		return resolve(event);
	}
	const session = event.locals.session?.id ?? '';
	if (!session && route.startsWith('/(app)')) return resolve(event);
	const stamp = event.locals.stamp ?? (await readStamp(getDb()));
	const key = cacheKey({
		session,
		locale: getLocale(),
		url: event.request.url,
		stamp,
		now: now().getTime()
	});
	const hit = pageStore.get(key);
	if (hit) return toResponse(hit);
	const response = await resolve(event);
	if (response.status !== 200 || response.headers.has('set-cookie')) return response;
	const body = new Uint8Array(await response.arrayBuffer());
	// The body is kept whole, so framing headers of the first answer must not travel with it.
	const headers = [...response.headers].filter(([name]) => !FRAMING.has(name));
	pageStore.set(key, { status: response.status, headers, body, size: body.byteLength + 512 });
	return new Response(body, { status: response.status, headers });
};
