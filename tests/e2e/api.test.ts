import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Database from 'better-sqlite3';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEST_DATABASE_URL } from '../../scripts/launch.js';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD } from './browser';
import { beijingToday, plusDays } from './dates';

// The JSON API (/api/v1) on the built server with the demo bureau: tokens made on the account
// page as a person would, every request sent with fetch, and EVERY response body held to the
// OpenAPI document the server serves (ajv, JSON Schema 2020-12) — successes and refusals alike.

const ADMIN = { username: 'sysadmin', password: 'Sys-Admin-2026' };
const RATE_LIMIT = 40;

type Doc = {
	paths: Record<string, Record<string, { responses: Record<string, Json> }>>;
	components: Json;
};
type Json = Record<string, unknown>;

for (const dialect of e2eDialects('postgres')) {
	describe(`JSON API [${dialect}]`, () => {
		let app: RunningApp;
		let doc: Doc;
		const ajv = new Ajv2020({ strict: false, allErrors: true });
		addFormats(ajv);
		const compiled = new Map<string, ValidateFunction>();
		const cookies: Record<string, string> = {};
		let checked = 0;

		/** Runs SQL on the app's database (only to let a token's time run out). */
		async function appSql(sqlite: string, postgres: string): Promise<void> {
			if (dialect === 'sqlite') {
				const db = new Database(path.join(app.dataDir, 'huiban.sqlite'));
				try {
					db.prepare(sqlite).run();
				} finally {
					db.close();
				}
				return;
			}
			const u = new URL(process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL);
			u.pathname = `/huiban_run_${process.pid}_${new URL(app.url).port}`;
			const c = new pg.Client({ connectionString: u.toString() });
			await c.connect();
			try {
				await c.query(postgres);
			} finally {
				await c.end();
			}
		}

		async function signIn(username: string, password: string): Promise<string> {
			const res = await fetch(app.url + '/login', {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: app.url, accept: 'text/html' },
				body: new URLSearchParams({ username, password })
			});
			expect(res.status, `sign-in ${username}`).toBe(303);
			const c = res.headers.getSetCookie().find((h) => h.startsWith('huiban_session='));
			return c!.split(';')[0];
		}

		/** Posts a form of the account page as a browser would; the page it answers with. */
		function tokenForm(who: string, action: string, fields: Record<string, string>) {
			return fetch(`${app.url}/account/tokens?/${action}`, {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: app.url, accept: 'text/html', cookie: cookies[who] },
				body: new URLSearchParams(fields)
			});
		}

		/** Creates a token on /account/tokens; the page shows it once. */
		async function newToken(who: string, scope: 'read' | 'write', name = `${who}-${scope}`) {
			const res = await tokenForm(who, 'create', { name, scope, days: '30', _done: 'created' });
			expect(res.status).toBe(200);
			const html = await res.text();
			const token = html.match(/hb_[A-Za-z0-9_-]{43}/)?.[0];
			expect(token, 'the new token on the page').toBeTruthy();
			const list = await (
				await fetch(app.url + '/account/tokens', { headers: { cookie: cookies[who] } })
			).text();
			expect(list, 'the token is shown once only').not.toContain(token);
			const id = [...list.matchAll(/name="id" value="(\d+)"/g)].map((m) => Number(m[1]));
			return { token: token!, id: Math.max(...id) };
		}

		/** The schema the document gives for this request's answer (by path template and status). */
		function schemaFor(method: string, url: string, status: number): Json {
			const rel = new URL(url, app.url).pathname.replace(/^\/api\/v1/, '');
			const template = Object.keys(doc.paths).find((t) =>
				new RegExp('^' + t.replace(/\{[^}]+\}/g, '[^/]+') + '$').test(rel)
			);
			const op = template ? doc.paths[template][method.toLowerCase()] : undefined;
			// An unknown route or method is answered as any other refusal: a problem document.
			if (!op) {
				expect([404, 405], `${method} ${url} is not in the document`).toContain(status);
				return { $ref: '#/components/schemas/Problem' };
			}
			const response = op.responses[String(status)] as
				{ content: Record<string, { schema: Json }> } | undefined;
			expect(response, `${method} ${rel} → ${status} is documented`).toBeTruthy();
			const [media, { schema }] = Object.entries(response!.content)[0];
			return { ...schema, 'x-media': media };
		}

		/** One API request; its body is validated against the document before it is returned. */
		async function api(
			token: string | null,
			method: string,
			url: string,
			body?: unknown,
			headers: Record<string, string> = {}
		) {
			const res = await fetch(app.url + '/api/v1' + url, {
				method,
				redirect: 'manual',
				headers: {
					...(token ? { authorization: `Bearer ${token}` } : {}),
					...(body !== undefined ? { 'content-type': 'application/json' } : {}),
					...headers
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			});
			const json = (await res.json()) as Json & { errors?: Record<string, string> };
			const { 'x-media': media, ...schema } = schemaFor(method, '/api/v1' + url, res.status);
			const type = res.headers.get('content-type') ?? '';
			if (media) expect(type, `${method} ${url}`).toContain(String(media));
			else expect(type).toContain('application/problem+json');
			const key = JSON.stringify(schema);
			let validate = compiled.get(key);
			if (!validate) {
				validate = ajv.compile({ ...schema, components: doc.components });
				compiled.set(key, validate);
			}
			expect(
				validate(json),
				`${method} ${url} → ${res.status}: ${JSON.stringify(validate.errors)}`
			).toBe(true);
			checked++;
			return { status: res.status, headers: res.headers, json };
		}

		beforeAll(async () => {
			app = await startApp(dialect, {
				HUIBAN_SCHEDULER: 'off',
				API_RATE_LIMIT: String(RATE_LIMIT)
			});
			const setup = await fetch(app.url + '/setup', {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: app.url, accept: 'text/html' },
				body: new URLSearchParams({
					officeName: '某市某局',
					timeZone: 'Asia/Shanghai',
					name: '系统管理员',
					username: ADMIN.username,
					password: ADMIN.password,
					confirm: ADMIN.password,
					demo: 'on'
				})
			});
			expect(setup.status).toBe(303);
			for (const who of ['fengxuemei', 'shilei', 'huangshufen', 'weizixuan']) {
				cookies[who] = await signIn(who, DEMO_PASSWORD);
			}
			const res = await fetch(app.url + '/api/v1/openapi.json');
			expect(res.status).toBe(200);
			doc = (await res.json()) as Doc;
		});
		afterAll(async () => {
			await app?.stop();
		});

		it('serves the OpenAPI 3.1 document and its reference page without a token', async () => {
			expect((doc as unknown as Json).openapi).toBe('3.1.0');
			const page = await fetch(app.url + '/api/docs');
			expect(page.status).toBe(200);
			const html = await page.text();
			for (const words of ['接口列表', '认证', '错误', '数据结构', '/api/v1/meetings/{id}/reply']) {
				expect(html).toContain(words);
			}
		});

		it('refuses a request without a token, with a bad token, and with only a session', async () => {
			const none = await api(null, 'GET', '/meetings');
			expect(none.status).toBe(401);
			expect(none.headers.get('www-authenticate')).toContain('Bearer');
			expect(none.json.detail).toContain('Authorization');
			const bad = await api(`hb_${'x'.repeat(43)}`, 'GET', '/meetings');
			expect(bad.status).toBe(401);
			expect(bad.headers.get('www-authenticate')).toContain('invalid_token');
			expect((await api('not-even-a-token', 'GET', '/meetings')).status).toBe(401);
			// A signed-in browser's cookie is no key to the API (no CSRF through it).
			const cookie = await api(null, 'GET', '/meetings', undefined, {
				cookie: cookies.fengxuemei
			});
			expect(cookie.status).toBe(401);
		});

		it('refuses an expired token and a revoked one', async () => {
			const expiring = await newToken('shilei', 'read', '将过期');
			expect((await api(expiring.token, 'GET', '/duty/rosters')).status).toBe(200);
			await appSql(
				`UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ${expiring.id}`,
				`UPDATE api_tokens SET expires_at = '2000-01-01T00:00:00Z' WHERE id = ${expiring.id}`
			);
			const expired = await api(expiring.token, 'GET', '/duty/rosters');
			expect(expired.status).toBe(401);
			expect(expired.json.detail).toContain('过期');

			const revoking = await newToken('shilei', 'read', '将撤销');
			expect((await api(revoking.token, 'GET', '/duty/rosters')).status).toBe(200);
			const res = await tokenForm('shilei', 'revoke', {
				id: String(revoking.id),
				_done: 'revoked'
			});
			expect(res.status).toBe(200);
			const revoked = await api(revoking.token, 'GET', '/duty/rosters');
			expect(revoked.status).toBe(401);
			expect(revoked.json.detail).toContain('撤销');
			// Another person cannot revoke my token: not found.
			const mine = await newToken('shilei', 'read', '我的');
			const other = await tokenForm('huangshufen', 'revoke', { id: String(mine.id) });
			expect(other.status).toBe(404);
			expect((await api(mine.token, 'GET', '/duty/rosters')).status).toBe(200);
		});

		it('gives the security auditor no token', async () => {
			const res = await tokenForm('weizixuan', 'create', {
				name: '审计',
				scope: 'read',
				days: '30'
			});
			expect(res.status).toBe(403);
			const page = await fetch(app.url + '/account/tokens', {
				headers: { cookie: cookies.weizixuan }
			});
			expect(await page.text()).toContain('安全审计员不能创建 API 令牌');
		});

		it('lets a read token only read', async () => {
			const { token } = await newToken('fengxuemei', 'read');
			const list = await api(token, 'GET', '/meetings?per_page=5');
			expect(list.status).toBe(200);
			expect(list.json).toMatchObject({ page: 1, per_page: 5 });
			const write = await api(token, 'POST', '/meetings', { title: '只读令牌' });
			expect(write.status).toBe(403);
			expect(write.json.detail).toContain('只读');
		});

		it('answers unknown routes, wrong methods, bad bodies and bad queries with problems', async () => {
			const { token } = await newToken('fengxuemei', 'write', 'errors');
			expect((await api(token, 'GET', '/no-such-thing')).status).toBe(404);
			expect((await api(token, 'DELETE', '/meetings')).status).toBe(405);
			const xml = await api(token, 'POST', '/meetings', undefined, {
				'content-type': 'application/xml'
			});
			expect(xml.status).toBe(415);
			const query = await api(token, 'GET', '/meetings?page=0&per_page=500&from=2026-02-30');
			expect(query.status).toBe(400);
			expect(Object.keys(query.json.errors ?? {}).sort()).toEqual(['from', 'page', 'per_page']);
			expect((await api(token, 'GET', '/meetings/abc')).status).toBe(404);
		});

		it('plans, issues, answers and cancels a meeting with the pages’ rules', async () => {
			const office = (await newToken('fengxuemei', 'write')).token;
			const staff = (await newToken('shilei', 'write')).token;
			const head = (await newToken('huangshufen', 'read')).token;

			// Who the staff member is, from their own leave list or a request of theirs.
			const some = await api(office, 'GET', '/meetings?scope=all&per_page=1');
			expect(some.status).toBe(200);
			const first = (some.json.items as Json[])[0];
			const sample = await api(office, 'GET', `/meetings/${String(first.id)}`);
			expect(sample.status).toBe(200);
			const typeId = sample.json.typeId;

			const me = await api(staff, 'GET', '/leave/requests');
			expect(me.status).toBe(200);
			const staffId = await staffUserId(staff);

			const date = plusDays(beijingToday(), 10);
			const invalid = await api(office, 'POST', '/meetings', {
				title: '',
				typeId: 'x',
				date: '2026-13-40',
				startTime: '25:00',
				endTime: '10:00'
			});
			expect(invalid.status).toBe(400);
			expect(Object.keys(invalid.json.errors ?? {})).toEqual(
				expect.arrayContaining(['title', 'typeId', 'date', 'startTime'])
			);

			const created = await api(office, 'POST', '/meetings', {
				title: '接口测试会议',
				typeId,
				date,
				startTime: '09:00',
				endTime: '10:00',
				location: '三楼会议室',
				attendeeIds: [staffId]
			});
			expect(created.status).toBe(201);
			const id = Number(created.json.id);
			expect(created.headers.get('location')).toBe(`/api/v1/meetings/${id}`);
			expect(created.json).toMatchObject({
				status: 'draft',
				title: '接口测试会议',
				canManage: true
			});

			// A draft is the office's: to anyone else it does not exist.
			expect((await api(staff, 'GET', `/meetings/${id}`)).status).toBe(404);
			expect((await api(staff, 'GET', `/meetings/${id}/participants`)).status).toBe(404);
			expect((await api(staff, 'POST', `/meetings/${id}/reply`, { reply: 'attend' })).status).toBe(
				404
			);

			const issued = await api(office, 'POST', `/meetings/${id}/issue`);
			expect(issued.status).toBe(200);
			expect(issued.json.status).toBe('issued');
			const again = await api(office, 'POST', `/meetings/${id}/issue`);
			expect(again.status).toBe(400);
			// The staff member may not issue or cancel it.
			expect(
				(await api(staff, 'POST', `/meetings/${id}/cancel`, { reason: '不想开' })).status
			).toBe(403);

			const seen = await api(staff, 'GET', `/meetings/${id}`);
			expect(seen.status).toBe(200);
			expect(seen.json.myReply).toMatchObject({ userId: staffId, reply: 'pending' });
			const noReason = await api(staff, 'POST', `/meetings/${id}/reply`, { reply: 'excused' });
			expect(noReason.status).toBe(400);
			expect(Object.keys(noReason.json.errors ?? {})).toEqual(['reason']);
			const reply = await api(staff, 'POST', `/meetings/${id}/reply`, {
				reply: 'excused',
				reason: '外出调研'
			});
			expect(reply.status).toBe(200);
			expect(reply.json).toMatchObject({ reply: 'excused', replyReason: '外出调研' });

			const people = await api(office, 'GET', `/meetings/${id}/participants`);
			expect(people.status).toBe(200);
			expect(people.json.items).toEqual([
				expect.objectContaining({ userId: staffId, reply: 'excused' })
			]);
			const own = await api(staff, 'GET', `/meetings/${id}/participants`);
			expect((own.json.items as Json[]).map((p) => p.userId)).toEqual([staffId]);
			// Someone not on the meeting reads an issued, unclassified one but sees no replies.
			const other = await api(head, 'GET', `/meetings/${id}/participants`);
			if (other.status === 200) expect(other.json.items).toEqual([]);
			else expect(other.status).toBe(404);

			const mineList = await api(staff, 'GET', '/meetings?scope=mine&per_page=100');
			expect((mineList.json.items as Json[]).some((x) => x.id === id)).toBe(true);

			const blank = await api(office, 'POST', `/meetings/${id}/cancel`, { reason: ' ' });
			expect(blank.status).toBe(400);
			expect(Object.keys(blank.json.errors ?? {})).toEqual(['reason']);
			const cancelled = await api(office, 'POST', `/meetings/${id}/cancel`, { reason: '改期' });
			expect(cancelled.status).toBe(200);
			expect(cancelled.json).toMatchObject({ status: 'cancelled', cancelReason: '改期' });
		});

		/** The staff member's user id, from a meeting they are on or a leave request of theirs. */
		async function staffUserId(token: string): Promise<number> {
			const mine = await api(token, 'GET', '/meetings?scope=mine&per_page=20');
			for (const m of mine.json.items as Json[]) {
				const d = await api(token, 'GET', `/meetings/${String(m.id)}`);
				const reply = d.json.myReply as Json | null;
				if (reply) return Number(reply.userId);
			}
			const leave = await submitLeave(token);
			return Number(leave.applicantId);
		}

		let submitted: Json | null = null;
		/** A one-day 事假 on the first working day ahead that the office's calendar allows. */
		async function submitLeave(token: string): Promise<Json> {
			if (submitted) return submitted;
			for (let n = 14; n < 40; n++) {
				const day = plusDays(beijingToday(), n);
				const res = await api(token, 'POST', '/leave/requests', {
					type: 'personal',
					startDate: day,
					endDate: day,
					reason: '办理个人事务'
				});
				if (res.status === 201) {
					submitted = res.json;
					return res.json;
				}
				expect(res.status).toBe(400);
			}
			throw new Error('no day accepted for leave');
		}

		it('lists and requests leave, refusing a bad request field by field', async () => {
			const staff = (await newToken('shilei', 'write', 'leave')).token;
			const bad = await api(staff, 'POST', '/leave/requests', {
				type: 'holiday',
				startDate: plusDays(beijingToday(), 20),
				endDate: plusDays(beijingToday(), 19),
				reason: ''
			});
			expect(bad.status).toBe(400);
			expect(Object.keys(bad.json.errors ?? {})).toEqual(
				expect.arrayContaining(['type', 'reason'])
			);
			const leave = await submitLeave(staff);
			expect(leave).toMatchObject({ type: 'personal', status: 'pending' });
			const list = await api(staff, 'GET', '/leave/requests?per_page=100');
			expect((list.json.items as Json[]).some((l) => l.id === leave.id)).toBe(true);
			expect((await api(staff, 'GET', `/leave/requests/${String(leave.id)}`)).status).toBe(200);
			expect((await api(staff, 'GET', '/leave/requests/999999')).status).toBe(404);
		});

		it('reads published duty rosters with their assignments', async () => {
			const staff = (await newToken('shilei', 'read', 'duty')).token;
			const list = await api(staff, 'GET', '/duty/rosters');
			expect(list.status).toBe(200);
			const items = list.json.items as Json[];
			expect(items.length).toBeGreaterThan(0);
			const one = await api(staff, 'GET', `/duty/rosters/${String(items[0].id)}`);
			expect(one.status).toBe(200);
			expect((one.json.assignments as Json[]).length).toBeGreaterThan(0);
			expect((await api(staff, 'GET', '/duty/rosters/999999')).status).toBe(404);
		});

		it('reads 督办 items and reports progress where the pages allow it', async () => {
			const head = (await newToken('huangshufen', 'write', 'sup')).token;
			const list = await api(head, 'GET', '/supervision?per_page=50');
			expect(list.status).toBe(200);
			const items = list.json.items as Json[];
			expect(items.length).toBeGreaterThan(0);
			let target: Json | null = null;
			let refused: number | null = null;
			for (const item of items) {
				const page = await api(head, 'GET', `/supervision/${String(item.id)}`);
				expect(page.status).toBe(200);
				if (page.json.canGiveFeedback && !target) target = page.json;
				if (!page.json.canGiveFeedback && refused === null) refused = Number(item.id);
			}
			expect(target, 'an item the department head reports on').toBeTruthy();
			const empty = await api(head, 'POST', `/supervision/${String(target!.id)}/feedback`, {
				text: ''
			});
			expect(empty.status).toBe(400);
			expect(Object.keys(empty.json.errors ?? {})).toEqual(['text']);
			const done = await api(head, 'POST', `/supervision/${String(target!.id)}/feedback`, {
				text: '已召开专题会研究部署',
				percent: 40
			});
			expect(done.status).toBe(201);
			expect((done.json.feedback as Json[]).some((f) => f.text === '已召开专题会研究部署')).toBe(
				true
			);
			if (refused !== null) {
				const no = await api(head, 'POST', `/supervision/${refused}/feedback`, { text: '越权' });
				expect([403, 400]).toContain(no.status);
			}
			expect((await api(head, 'GET', '/supervision/999999')).status).toBe(404);
		});

		it('limits each token’s requests a minute, with Retry-After', async () => {
			const { token } = await newToken('shilei', 'read', 'burst');
			const other = (await newToken('shilei', 'read', 'calm')).token;
			for (let i = 0; i < RATE_LIMIT; i++) {
				expect((await api(token, 'GET', '/duty/rosters?per_page=1')).status).toBe(200);
			}
			const over = await api(token, 'GET', '/duty/rosters?per_page=1');
			expect(over.status).toBe(429);
			const wait = Number(over.headers.get('retry-after'));
			expect(wait).toBeGreaterThanOrEqual(1);
			expect(wait).toBeLessThanOrEqual(60);
			// The budget is the token's own: another token is still served.
			expect((await api(other, 'GET', '/duty/rosters?per_page=1')).status).toBe(200);
		});

		it('validated every response against the document', () => {
			expect(checked).toBeGreaterThan(60);
		});
	});
}
