import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from './errors';
import { MAX_ID, idParam, recordId } from './http';

// Ids arrive as text from the address bar and from forms; one no row can have is "not found",
// never a database error (PostgreSQL refuses integers beyond 32 bits outright).
describe('ids from requests', () => {
	it('takes positive whole numbers up to the largest id a row can have', () => {
		expect(idParam('7')).toBe(7);
		expect(recordId('42')).toBe(42);
		expect(recordId(String(MAX_ID))).toBe(MAX_ID);
	});

	it('answers 404 for a route id that names no row', () => {
		for (const bad of ['0', '-3', '1.5', 'abc', '', '99999999999', String(MAX_ID + 1)]) {
			let thrown: unknown;
			try {
				idParam(bad);
			} catch (e) {
				thrown = e;
			}
			expect(isHttpError(thrown, 404), bad).toBe(true);
		}
	});

	it('treats a posted id that names no row as not found', () => {
		for (const bad of ['0', 'x', null, '2147483648', '99999999999']) {
			expect(() => recordId(bad), String(bad)).toThrow(NotFoundError);
		}
	});
});
