import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAdmin } from '../../scripts/launch.js';
import { e2eDialects, startApp, type RunningApp } from './app';

// What whoever runs the server sees: the JSON request log, /healthz, /readyz, /metrics, and
// the number on a 500 page when the database is gone. Plain HTTP against the built server.

const ADMIN = { username: 'yunwei', password: 'Ops-Admin-2026' };
const METRICS_TOKEN = 'metrics-7f3c9a2e41';

/** The server's JSON log lines (pino), parsed; other output is skipped. */
function logLines(app: RunningApp): Record<string, unknown>[] {
	return app
		.logs()
		.split('\n')
		.filter((l) => l.startsWith('{'))
		.map((l) => JSON.parse(l) as Record<string, unknown>);
}

for (const dialect of e2eDialects('postgres')) {
	describe(`operations: logs, probes, metrics [${dialect}]`, () => {
		let app: RunningApp;
		let session = '';
		let sessionToken = '';

		function get(path: string, headers: Record<string, string> = {}) {
			return fetch(app.url + path, { redirect: 'manual', headers });
		}

		beforeAll(async () => {
			app = await startApp(dialect, { LOG_LEVEL: 'info', METRICS_TOKEN });
			const res = await fetch(app.url + '/setup', {
				method: 'POST',
				redirect: 'manual',
				headers: { accept: 'text/html', origin: app.url },
				body: new URLSearchParams({
					officeName: '某市运维局',
					timeZone: 'Asia/Shanghai',
					name: '运维管理员',
					username: ADMIN.username,
					password: ADMIN.password,
					confirm: ADMIN.password
				})
			});
			expect(res.status).toBe(303);
			const cookie = res.headers.getSetCookie().find((c) => c.startsWith('huiban_session='))!;
			session = cookie.split(';')[0];
			sessionToken = session.split('=')[1];
		});
		afterAll(async () => {
			await app?.stop();
		});

		it('writes one JSON line per request: id, method, route, path without query, status, duration, user', async () => {
			const res = await get('/meetings?q=机密&token=querysecret', {
				cookie: session,
				'x-request-id': 'edge-4711'
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('x-request-id')).toBe('edge-4711');
			const cal = await get('/calendar/Cal3ndarSecretToken.ics?download=1');
			expect(cal.status).toBe(404);
			const fresh = (await get('/healthz')).headers.get('x-request-id');
			expect(fresh).toMatch(/^[0-9a-f-]{36}$/);

			const lines = logLines(app);
			const line = lines.find((l) => l.requestId === 'edge-4711');
			expect(line).toMatchObject({
				level: 30,
				msg: 'request',
				method: 'GET',
				route: '/(app)/meetings',
				path: '/meetings',
				status: 200
			});
			expect(typeof line!.ms).toBe('number');
			expect(typeof line!.userId).toBe('number');
			expect(typeof line!.time).toBe('string');
			const calLine = lines.find((l) => l.status === 404 && String(l.path).startsWith('/calendar'));
			expect(calLine?.path).toBe('/calendar/***.ics');

			const all = app.logs();
			for (const secret of [
				sessionToken,
				ADMIN.password,
				'querysecret',
				'Cal3ndarSecretToken',
				'huiban_session',
				METRICS_TOKEN
			]) {
				expect(all, secret).not.toContain(secret);
			}
		});

		it('/healthz says alive and /readyz ready (database, migrations, outbox), without a session', async () => {
			const health = await get('/healthz');
			expect(health.status).toBe(200);
			expect(await health.text()).toBe('ok');
			const ready = await get('/readyz');
			expect(ready.status).toBe(200);
			expect(await ready.json()).toMatchObject({
				status: 'ready',
				failed: [],
				database: true,
				pendingMigrations: [],
				outbox: { limit: 5000 },
				draining: false
			});
		});

		it('/metrics: from this machine or with the token; through a proxy or a wrong token, a 404', async () => {
			const local = await get('/metrics');
			expect(local.status).toBe(200);
			expect(local.headers.get('content-type')).toContain('text/plain');
			const text = await local.text();
			expect(text).toMatch(
				/huiban_http_requests_total\{route="\/\(app\)\/meetings",method="GET",status="200"\} \d+/
			);
			expect(text).toContain('huiban_http_request_duration_seconds_bucket');
			expect(text).toMatch(/huiban_outbox_backlog \d+/);
			expect(text).toContain('process_resident_memory_bytes');

			const relayed = { 'x-forwarded-for': '203.0.113.9' };
			expect((await get('/metrics', relayed)).status).toBe(404);
			const wrong = await get('/metrics', { ...relayed, authorization: 'Bearer not-the-token' });
			expect(wrong.status).toBe(404);
			expect(await wrong.text()).not.toContain('huiban_');
			const withToken = await get('/metrics', {
				...relayed,
				authorization: `Bearer ${METRICS_TOKEN}`
			});
			expect(withToken.status).toBe(200);
			expect(await withToken.text()).toContain('huiban_http_requests_total');
		});

		if (dialect === 'postgres') {
			it('with the database gone: pages are a 500 with an error number, /readyz 503, /healthz alive', async () => {
				// launch.js names the server's database after this process and the port.
				const dbName = `huiban_run_${process.pid}_${new URL(app.url).port}`;
				await pgAdmin(`DROP DATABASE ${dbName} WITH (FORCE)`);

				const page = await get('/meetings', { cookie: session, accept: 'text/html' });
				expect(page.status).toBe(500);
				const html = await page.text();
				const id = html.match(/错误编号：([0-9a-f]{8})/)?.[1];
				expect(id, html).toBeTruthy();
				expect(html).not.toMatch(/postgres|does not exist|node_modules/i);
				const requestId = page.headers.get('x-request-id');

				const ready = await get('/readyz');
				expect(ready.status).toBe(503);
				expect(await ready.json()).toMatchObject({
					status: 'not-ready',
					database: false,
					failed: ['database: not reachable']
				});
				expect((await get('/healthz')).status).toBe(200);

				const logged = logLines(app).find((l) => l.errorId === id && l.msg === 'server error');
				expect(logged).toMatchObject({
					level: 50,
					method: 'GET',
					path: '/meetings',
					requestId
				});
				expect(JSON.stringify(logged)).not.toContain(sessionToken);
			});
		}
	});
}

describe('operations: metrics of a cluster (WEB_CONCURRENCY=2)', () => {
	let app: RunningApp;
	beforeAll(async () => {
		// Behind a proxy (ADDRESS_HEADER set): a scrape from this machine still needs no header.
		app = await startApp('sqlite', {
			WEB_CONCURRENCY: '2',
			LOG_LEVEL: 'info',
			ADDRESS_HEADER: 'X-Forwarded-For'
		});
		for (let i = 0; !app.logs().includes('(2 workers)'); i++) {
			if (i > 300) throw new Error(app.logs());
			await new Promise((r) => setTimeout(r, 100));
		}
	});
	afterAll(async () => {
		await app?.stop();
	});

	it('/metrics counts the requests of every worker, not only the one scraped', async () => {
		// A new connection each time, so that the primary hands them to both workers in turn.
		const once = () =>
			new Promise<number>((resolve, reject) => {
				http
					.get(app.url + '/healthz', { agent: false }, (res) => {
						res.resume();
						res.on('end', () => resolve(res.statusCode ?? 0));
					})
					.on('error', reject);
			});
		for (let i = 0; i < 12; i++) expect(await once()).toBe(200);
		const served = new Set(
			logLines(app)
				.filter((l) => l.route === '/healthz')
				.map((l) => l.pid)
		);
		const res = await fetch(app.url + '/metrics');
		expect(res.status).toBe(200);
		const text = await res.text();
		const total = Number(
			text.match(
				/huiban_http_requests_total\{route="\/healthz",method="GET",status="200"\} (\d+)/
			)?.[1]
		);
		expect(served.size).toBe(2);
		// Every one of the 12, whichever worker answered it.
		expect(total).toBe(12);
	});
});
