import { describe, expect, it } from 'vitest';
import { ResponseStore, cacheKey, type CacheKeyParts } from './page-cache';

const entry = (text: string, size = text.length) => ({
	status: 200,
	headers: [['content-type', 'text/html']] as [string, string][],
	body: new TextEncoder().encode(text),
	size
});

describe('the page store', () => {
	it('gives back what was kept, and counts hits and misses', () => {
		const store = new ResponseStore(1000);
		expect(store.get('a')).toBeUndefined();
		store.set('a', entry('页面甲'));
		expect(new TextDecoder().decode(store.get('a')?.body)).toBe('页面甲');
		expect([store.hits, store.misses]).toEqual([1, 1]);
	});

	it('drops the least recently used pages once the byte budget is passed', () => {
		const store = new ResponseStore(300);
		store.set('a', entry('a', 100));
		store.set('b', entry('b', 100));
		store.set('c', entry('c', 100));
		store.get('a'); // a is now the most recently used
		store.set('d', entry('d', 100));
		expect(store.get('b')).toBeUndefined();
		expect(['a', 'c', 'd'].map((k) => store.get(k)?.size)).toEqual([100, 100, 100]);
		expect(store.bytes).toBe(300);
	});

	it('replaces a page kept under the same key without counting it twice', () => {
		const store = new ResponseStore(1000);
		store.set('a', entry('old', 400));
		store.set('a', entry('new', 500));
		expect(store.bytes).toBe(500);
		expect(store.size).toBe(1);
	});

	it('does not keep a page larger than the whole budget', () => {
		const store = new ResponseStore(100);
		store.set('big', entry('x', 101));
		expect(store.get('big')).toBeUndefined();
		expect(store.bytes).toBe(0);
	});
});

describe('the key a page is kept under', () => {
	const base: CacheKeyParts = {
		session: 'sess1',
		locale: 'zh-CN',
		url: 'http://localhost/meetings/7',
		stamp: 41,
		now: Date.UTC(2026, 10, 27, 1, 0, 10)
	};
	it('is the same within one clock minute', () => {
		expect(cacheKey({ ...base, now: base.now + 40_000 })).toBe(cacheKey(base));
	});
	it('changes with the minute, the stamp, the session, the address and the language', () => {
		const others = [
			{ now: base.now + 50_000 },
			{ stamp: 42 },
			{ session: 'sess2' },
			{ url: 'http://localhost/meetings/7/__data.json' },
			{ locale: 'en' }
		].map((change) => cacheKey({ ...base, ...change }));
		expect(new Set([cacheKey(base), ...others]).size).toBe(6);
	});
});
