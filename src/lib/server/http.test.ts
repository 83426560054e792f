import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from './errors';
import { FormRequest, MAX_ID, MAX_PAGE, idParam, queryParams, recordId, safeNext } from './http';

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

describe('where to go after signing in', () => {
	it('keeps a path on this site, with its query', () => {
		expect(safeNext('/meetings?view=list')).toBe('/meetings?view=list');
		expect(safeNext('/duty/3/print#top')).toBe('/duty/3/print#top');
	});

	it('goes to the start page for anything that could leave the site', () => {
		for (const bad of [
			null,
			'',
			'meetings',
			'//evil.example',
			'/\\evil.example/x',
			'\\/evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'https://evil.example/',
			'javascript:alert(1)',
			'/%5C%5Cevil.example'.replace(/%5C/g, '\\')
		]) {
			expect(safeNext(bad), JSON.stringify(bad)).toBe('/');
		}
	});
});

describe('list query strings', () => {
	const q = (search: string) => queryParams(new URL('http://x.test/list' + search));
	const status = (read: () => unknown) => {
		try {
			read();
		} catch (e) {
			return isHttpError(e) ? e.status : 'thrown';
		}
		return 'ok';
	};

	it('reads blank or absent values as absent', () => {
		expect(q('').page()).toBe(1);
		expect(q('?page=&from=&type=').date('from')).toBeUndefined();
		expect(q('?type=').id('type')).toBeUndefined();
		expect(q('?q=%20%20').text('q')).toBe('');
		expect(q('?page=3&from=2026-02-28&type=7').page()).toBe(3);
		expect(q('?from=2026-02-28').date('from')).toBe('2026-02-28');
		expect(q('?type=7').id('type')).toBe(7);
		expect(q('?q=%25_x').text('q')).toBe('%_x');
	});

	it('answers 400 for a malformed page, date or id', () => {
		for (const page of ['0', '-1', '1.5', 'x', '99999999999999999999999', String(MAX_PAGE + 1)]) {
			expect(
				status(() => q('?page=' + page).page()),
				page
			).toBe(400);
		}
		for (const date of ['x', '2026-02-30', '2026-13-01', '0000-01-01', '20260101', '9999-12-31']) {
			expect(
				status(() => q('?from=' + date).date('from')),
				date
			).toBe(400);
		}
		for (const id of ['x', '0', '-5', '1e3', '99999999999']) {
			expect(
				status(() => q('?type=' + id).id('type')),
				id
			).toBe(400);
		}
	});
});

describe('form bodies', () => {
	const post = (body: BodyInit, type: string) =>
		new FormRequest('http://x.test/a', { method: 'POST', body, headers: { 'content-type': type } });
	const status = async (req: Request) => {
		try {
			await req.formData();
			return 'ok';
		} catch (e) {
			return isHttpError(e) ? e.status : e;
		}
	};

	it('reads a good form', async () => {
		const form = await post('a=1&b=%E4%B8%AD', 'application/x-www-form-urlencoded').formData();
		expect(form.get('b')).toBe('中');
	});

	it('answers 400 for a body that is not a form or holds NUL', async () => {
		expect(await status(post('--zzz\r\nnot a form', 'multipart/form-data; boundary=zzz'))).toBe(
			400
		);
		expect(await status(post('a=1', 'text/plain'))).toBe(400);
		expect(await status(post('a=x%00y', 'application/x-www-form-urlencoded'))).toBe(400);
	});

	it('answers 413 for a body over the size limit', async () => {
		// As adapter-node does past BODY_SIZE_LIMIT: the stream errors with a 413.
		const tooLarge = new ReadableStream({
			start(c) {
				c.enqueue(new TextEncoder().encode('a=1'));
				c.error(Object.assign(new Error('Payload Too Large'), { status: 413 }));
			}
		});
		const req = new FormRequest('http://x.test/a', {
			method: 'POST',
			body: tooLarge,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			// @ts-expect-error Node's fetch needs duplex for a streamed body
			duplex: 'half'
		});
		expect(await status(req)).toBe(413);
	});

	it('wraps a request without losing its body', async () => {
		const original = new Request('http://x.test/a', {
			method: 'POST',
			body: new URLSearchParams({ name: '张三' })
		});
		expect((await new FormRequest(original).formData()).get('name')).toBe('张三');
	});
});
