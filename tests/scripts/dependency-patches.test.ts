import { describe, expect, it } from 'vitest';
import { asClassComponent } from 'svelte/legacy';
// @ts-expect-error SvelteKit's internal module, patched by patches/@sveltejs+kit+*.patch
import { make_trackable } from '../../node_modules/@sveltejs/kit/src/utils/url.js';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { parse, stringify, uneval } from 'devalue';
// @ts-expect-error SvelteKit's internal module, patched by patches/@sveltejs+kit+*.patch
import * as kitCrypto from '../../node_modules/@sveltejs/kit/src/runtime/server/page/crypto.js';
import Greeting from '../fixtures/Greeting.svelte';

const { page_etag, sha256 } = kitCrypto as {
	page_etag: (html: string, fallback: (html: string) => string) => string;
	sha256: (data: string) => string;
};

// patches/ (applied by patch-package on install): Svelte's server `asClassComponent` and
// SvelteKit's `make_trackable` no longer define accessor closures on each object. Such a
// closure gives every render (every load's URL) its own hidden class, which V8 keeps weakly;
// young-generation collections then kept each render's output until a full collection
// (docs/PERFORMANCE.md). More take work off every page: SvelteKit hashes the inline script
// (CSP) and the page (its ETag) with node:crypto, and devalue escapes a string with JSON.stringify instead of a loop
// over its characters. These check the patches are applied and behave as before.
describe('patched Svelte: the root render result', () => {
	const Root = asClassComponent(Greeting) as unknown as {
		render(props: { name: string }): { head: string; html: string; css: { code: string } };
	};

	it('renders head and body as before', () => {
		const r = Root.render({ name: '会办' });
		expect(r.html).toContain('<p>你好，会办</p>');
		expect(r.head).toContain('<title>会办</title>');
		expect(r.css).toEqual({ code: '', map: null });
	});

	it('reads head and html through one shared getter, not a closure per result', () => {
		const a = Root.render({ name: '甲' });
		const b = Root.render({ name: '乙' });
		expect(Object.getOwnPropertyDescriptor(a, 'html')).toBeUndefined();
		expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
		expect(a.html).toContain('甲');
		expect(b.html).toContain('乙');
	});

	it('is awaitable like the original (SvelteKit awaits it in async mode)', async () => {
		const r = await (Root.render({ name: '丙' }) as unknown as PromiseLike<{ html: string }>);
		expect(r.html).toContain('你好，丙');
	});
});

describe('patched SvelteKit: a load’s tracked URL', () => {
	it('tells its load which parts it read, through getters shared by every tracked URL', () => {
		const reads: string[] = [];
		const params: string[] = [];
		const url = new URL('https://huiban.example/supervision?status=in_progress#top');
		const a = make_trackable(
			url,
			() => reads.push('url'),
			(p: string) => params.push(p)
		);
		const b = make_trackable(
			new URL('https://huiban.example/leave'),
			() => {},
			() => {}
		);
		expect(a.pathname).toBe('/supervision');
		expect(a.href).toBe(url.href);
		expect(String(a)).toBe(url.href);
		expect(reads).toEqual(['url', 'url', 'url']);
		expect(a.searchParams.get('status')).toBe('in_progress');
		expect(params).toEqual(['status']);
		expect(a.origin).toBe('https://huiban.example');
		expect(reads).toHaveLength(3);
		for (const p of ['href', 'pathname', 'search', 'toString', 'toJSON']) {
			expect(Object.getOwnPropertyDescriptor(a, p)!.get).toBe(
				Object.getOwnPropertyDescriptor(b, p)!.get
			);
		}
	});

	it('still refuses url.hash on the server', () => {
		const a = make_trackable(
			new URL('https://huiban.example/a#x'),
			() => {},
			() => {}
		);
		expect(() => a.hash).toThrow(/page\.url\.hash/);
	});
});

describe('patched SvelteKit: the CSP hash of an inline script', () => {
	it('is the base64 SHA-256 of the script’s UTF-8, as the browser computes it', () => {
		for (const text of ['', 'a', '会办'.repeat(10_000), '<script>\u2028</script>']) {
			expect(sha256(text)).toBe(createHash('sha256').update(text, 'utf8').digest('base64'));
		}
		// Applied: the hash comes from node:crypto, not the JavaScript rounds.
		expect(String(sha256)).toContain('node_hash(');
	});
});

describe('patched SvelteKit: a page’s ETag', () => {
	it('is the same for the same page and differs for another, from node:crypto', () => {
		const fallback = () => 'djb2';
		const page = '<!doctype html><p>会办</p>'.repeat(2_000);
		expect(page_etag(page, fallback)).toBe(page_etag(page, fallback));
		expect(page_etag(page + ' ', fallback)).not.toBe(page_etag(page, fallback));
		expect(page_etag(page, fallback)).toBe(createHash('sha1').update(page).digest('base64url'));
	});
});

describe('patched devalue: strings in a page’s data', () => {
	it('read back as the same string, as JavaScript and as JSON', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				expect((0, eval)(`(${uneval(s)})`)).toBe(s);
				expect(parse(stringify({ s })).s).toBe(s);
			}),
			{ numRuns: 2000 }
		);
	});

	it('cannot end the script they are in, nor break a line in it', () => {
		const out = uneval({ name: 'x</script><script>alert(1)</script>\u2028\u2029"\\' });
		expect(out).not.toMatch(/[<\u2028\u2029]/);
		// Applied: JSON.stringify writes a lone surrogate as an escape (the loop kept it raw).
		expect(uneval('\ud800')).toBe('"\\ud800"');
		expect(out).toBe(
			'{name:"x\\u003C/script>\\u003Cscript>alert(1)\\u003C/script>\\u2028\\u2029\\"\\\\"}'
		);
	});
});
