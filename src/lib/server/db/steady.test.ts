import { describe, expect, it } from 'vitest';
import type { DB } from './connect';
import { keptWhileSteady } from './steady';

// The cache keys on the database object only; a plain object stands in for one.
const newDb = () => ({}) as DB;

function counter() {
	let n = 0;
	return { load: async () => ++n, calls: () => n };
}

describe('keptWhileSteady', () => {
	it('loads once while the stamp stays, and again when a write moves it', async () => {
		const db = newDb();
		const c = counter();
		expect(await keptWhileSteady(db, { stamp: 7 }, 'k', c.load)).toBe(1);
		expect(await keptWhileSteady(db, { stamp: 7 }, 'k', c.load)).toBe(1);
		expect(await keptWhileSteady(db, { stamp: 8 }, 'k', c.load)).toBe(2);
		expect(c.calls()).toBe(2);
	});

	it('keeps nothing without a stamp (scripts, tests, the scheduler)', async () => {
		const db = newDb();
		const c = counter();
		await keptWhileSteady(db, undefined, 'k', c.load);
		await keptWhileSteady(db, { stamp: null }, 'k', c.load);
		expect(c.calls()).toBe(2);
	});

	it('a request that read an older stamp reads past the cache and does not replace it', async () => {
		const db = newDb();
		const c = counter();
		await keptWhileSteady(db, { stamp: 9 }, 'k', c.load);
		expect(await keptWhileSteady(db, { stamp: 8 }, 'k', c.load)).toBe(2);
		expect(await keptWhileSteady(db, { stamp: 9 }, 'k', c.load)).toBe(1);
	});

	it('keys are separate values; databases are separate caches', async () => {
		const db = newDb();
		expect(await keptWhileSteady(db, { stamp: 1 }, 'a', async () => 'A')).toBe('A');
		expect(await keptWhileSteady(db, { stamp: 1 }, 'b', async () => 'B')).toBe('B');
		expect(await keptWhileSteady(newDb(), { stamp: 1 }, 'a', async () => 'other')).toBe('other');
	});

	it('a failed load is not kept: the next request tries again', async () => {
		const db = newDb();
		await expect(
			keptWhileSteady(db, { stamp: 3 }, 'k', async () => {
				throw new Error('database gone');
			})
		).rejects.toThrow('database gone');
		expect(await keptWhileSteady(db, { stamp: 3 }, 'k', async () => 'back')).toBe('back');
	});
});
