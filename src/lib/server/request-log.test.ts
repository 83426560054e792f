import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { log } from './log';
import { loggablePath, reportServerError, requestIdFrom, requestLog } from './request-log';

afterEach(() => vi.restoreAllMocks());

/** The parts of a request event the handle reads. */
function fakeEvent(
	url: string,
	o: { route?: string | null; params?: Record<string, string>; headers?: HeadersInit } = {}
): RequestEvent {
	return {
		url: new URL(url),
		request: new Request(url, { headers: o.headers }),
		route: { id: o.route ?? null },
		params: o.params ?? {},
		locals: {}
	} as unknown as RequestEvent;
}

function logged(spy: ReturnType<typeof vi.spyOn>): Record<string, unknown>[] {
	return spy.mock.calls.map((c: unknown[]) => c[0] as Record<string, unknown>);
}

describe('request log line', () => {
	it('has the request id, method, route, path without query, status, duration and user id', async () => {
		const info = vi.spyOn(log, 'info').mockImplementation(() => undefined);
		const event = fakeEvent('http://app.local/meetings/12?tab=participants&token=abc', {
			route: '/(app)/meetings/[id]',
			params: { id: '12' },
			headers: { cookie: 'huiban_session=s3cr3t-session', 'x-request-id': 'nginx-req-77' }
		});
		const response = await requestLog({
			event,
			resolve: async (e) => {
				e.locals.user = { id: 42 } as App.Locals['user'];
				return new Response('ok', { status: 200 });
			}
		});
		expect(response.headers.get('x-request-id')).toBe('nginx-req-77');
		const [line] = logged(info);
		expect(line).toMatchObject({
			requestId: 'nginx-req-77',
			method: 'GET',
			route: '/(app)/meetings/[id]',
			path: '/meetings/12',
			status: 200,
			userId: 42
		});
		expect(typeof line.ms).toBe('number');
		const text = JSON.stringify(info.mock.calls);
		for (const secret of ['s3cr3t-session', 'abc', 'token', 'tab=']) {
			expect(text).not.toContain(secret);
		}
	});

	it('masks the calendar token in the path, matched or not', () => {
		expect(
			loggablePath(
				fakeEvent('http://app.local/calendar/Zx9_tokenvalue.ics?x=1', {
					route: '/calendar/[token].ics',
					params: { token: 'Zx9_tokenvalue' }
				})
			)
		).toBe('/calendar/***.ics');
		expect(loggablePath(fakeEvent('http://app.local/calendar/Zx9_wrong/extra'))).toBe(
			'/calendar/***/extra'
		);
	});

	it('takes a sane incoming X-Request-Id, otherwise makes one', () => {
		expect(requestIdFrom('abc-123')).toBe('abc-123');
		for (const bad of [null, '', 'a b', '<script>', 'x'.repeat(65), 'id\nforged: 1']) {
			expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
		}
	});

	it('logs redirects and refusals thrown by later handles with their status', async () => {
		const info = vi.spyOn(log, 'info').mockImplementation(() => undefined);
		await expect(
			requestLog({
				event: fakeEvent('http://app.local/'),
				resolve: () => redirect(303, '/setup')
			})
		).rejects.toMatchObject({ status: 303 });
		await expect(
			requestLog({
				event: fakeEvent('http://app.local/audit'),
				resolve: () => error(403, '无权访问')
			})
		).rejects.toMatchObject({ status: 403 });
		expect(logged(info).map((l) => [l.path, l.status])).toEqual([
			['/', 303],
			['/audit', 403]
		]);
	});
});

describe('server errors', () => {
	it('an error escaping the handles (database gone) is a 500 page with its number, logged once', async () => {
		const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const info = vi.spyOn(log, 'info').mockImplementation(() => undefined);
		const event = fakeEvent('http://app.local/meetings?q=secret', {
			route: '/(app)/meetings',
			headers: { accept: 'text/html', 'x-request-id': 'req-1' }
		});
		const response = await requestLog({
			event,
			resolve: async () => {
				throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
			}
		});
		expect(response.status).toBe(500);
		const html = await response.text();
		const [entry] = logged(errors);
		expect(entry).toMatchObject({
			requestId: 'req-1',
			method: 'GET',
			path: '/meetings',
			status: 500,
			err: { message: 'connect ECONNREFUSED 127.0.0.1:5432' }
		});
		expect(entry.errorId).toMatch(/^[0-9a-f]{8}$/);
		expect(html).toContain(`错误编号：${entry.errorId}`);
		expect(html).not.toContain('ECONNREFUSED');
		expect(logged(info)[0]).toMatchObject({ status: 500, errorId: entry.errorId });
	});

	it('answers a JSON request with the message and number as JSON', async () => {
		vi.spyOn(log, 'error').mockImplementation(() => undefined);
		vi.spyOn(log, 'info').mockImplementation(() => undefined);
		const response = await requestLog({
			event: fakeEvent('http://app.local/api/x', { headers: { accept: 'application/json' } }),
			resolve: async () => {
				throw new Error('boom');
			}
		});
		expect(response.status).toBe(500);
		const body = (await response.json()) as { id: string; message: string };
		expect(body.id).toMatch(/^[0-9a-f]{8}$/);
		expect(body.message).toContain('错误编号');
	});

	it('reportServerError (handleError) ties the number to the request id and method', () => {
		const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
		const event = fakeEvent('http://app.local/duty/3?password=x', { route: '/(app)/duty/[id]' });
		const id = reportServerError(event, new TypeError('x is undefined'));
		expect(logged(errors)[0]).toMatchObject({
			errorId: id,
			method: 'GET',
			path: '/duty/3',
			route: '/(app)/duty/[id]',
			err: { message: 'x is undefined' }
		});
		expect(JSON.stringify(errors.mock.calls)).not.toContain('password');
	});
});
