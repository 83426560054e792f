import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE, FORMS, WHO, type Who } from './access-table';
import { enumerateRoutes, type RouteEntry } from './access-routes';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD } from './browser';

// The role × route table, run against the built server with the demo bureau: every page,
// endpoint and form action, for anonymous and one person per role. An allow the table does not
// list fails (so does a missing deny, less urgently but just as surely), and so does any
// response whose headers would overflow a proxy's buffer (README: behind a proxy).

const ADMIN = { username: 'sysadmin', password: 'Sys-Admin-2026' };
/** One demo person per role; none of them is on the meeting or the duty shift used below. */
const PEOPLE: Record<Exclude<Who, 'anonymous' | 'admin'>, string> = {
	office: 'fengxuemei',
	leader: 'wangjianguo',
	dept_head: 'huangshufen',
	staff: 'shilei',
	supervisor: 'dongminghui',
	auditor: 'weizixuan'
};
/** Their names, to pick a duty shift none of them is on (the office may read every log). */
const NOT_ON_SHIFT = ['石磊', '黄淑芬', '董明辉', '王建国'];
/** nginx's default proxy_buffer_size is 4 KB; keep a margin for what a proxy adds. */
const MAX_HEADER_BYTES = 3 * 1024;

type Outcome = 'allow' | 'deny';

for (const dialect of e2eDialects('sqlite')) {
	describe(`role × route access [${dialect}]`, () => {
		let app: RunningApp;
		const cookies = new Map<Who, string>();
		const ids: Record<string, string> = {};

		const request = (who: Who, method: string, url: string, init: RequestInit = {}) =>
			fetch(app.url + url, {
				method,
				redirect: 'manual',
				...init,
				headers: {
					cookie: cookies.get(who) ?? '',
					...(method === 'GET' ? {} : { origin: app.url }),
					...init.headers
				}
			});
		const html = async (who: Who, url: string) => {
			const res = await request(who, 'GET', url);
			expect(res.status, `${who} GET ${url}`).toBe(200);
			return res.text();
		};
		const first = (text: string, re: RegExp, what: string) => {
			const m = re.exec(text);
			expect(m, what).toBeTruthy();
			return m!;
		};

		async function signIn(username: string, password: string): Promise<string> {
			const res = await fetch(app.url + '/login', {
				method: 'POST',
				redirect: 'manual',
				headers: { origin: app.url, accept: 'text/html' },
				body: new URLSearchParams({ username, password })
			});
			expect(res.status, `sign-in ${username}`).toBe(303);
			const c = res.headers.getSetCookie().find((h) => h.startsWith('huiban_session='));
			expect(c, `session of ${username}`).toBeTruthy();
			return c!.split(';')[0];
		}

		beforeAll(async () => {
			app = await startApp(dialect, { HUIBAN_SCHEDULER: 'off' });
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
			cookies.set('admin', await signIn(ADMIN.username, ADMIN.password));
			for (const [who, username] of Object.entries(PEOPLE)) {
				cookies.set(who as Who, await signIn(username, DEMO_PASSWORD));
			}
			// Demo ids: a meeting none of the people above takes part in, with an attachment.
			const list = await html('office', '/meetings?scope=all&q=' + encodeURIComponent('规划编制'));
			const meeting = first(list, /href="\/meetings\/(\d+)"/, 'a demo meeting')[1];
			const upload = new FormData();
			upload.set('file', new Blob(['会议材料'], { type: 'text/plain' }), '材料.txt');
			const up = await request('office', 'POST', `/meetings/${meeting}?/upload`, {
				body: upload,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true' }
			});
			expect(up.status, 'upload an attachment').toBe(200);
			const detail = await html('office', `/meetings/${meeting}`);
			ids.meeting = meeting;
			ids.attachment = first(detail, /\/attachments\/(\d+)/, 'the attachment')[1];
			const checkin = await html('office', `/meetings/${meeting}/checkin`);
			ids.code = first(checkin, /\/checkin\/([\w-]{16,})/, 'the check-in code')[1];
			const rooms = await html('office', '/meetings/rooms');
			ids.room = first(rooms, /\/meetings\/rooms\/(\d+)\/seating/, 'a room')[1];
			// A published duty period and a shift none of the non-leaders above is on.
			const duty = await html('office', '/duty');
			const periods = [...duty.matchAll(/href="\/duty\/(\d+)"/g)].map((m) => m[1]);
			for (const period of new Set(periods)) {
				// Published: open to everyone (a draft is the office's alone).
				if ((await request('staff', 'GET', `/duty/${period}`)).status !== 200) continue;
				const log = await request('office', 'GET', `/duty/${period}/log`);
				if (log.status !== 200) continue;
				const days = [...(await log.text()).matchAll(/\/log\/(\d+)\/(\d{4}-\d{2}-\d{2})/g)];
				for (const [, shift, date] of days) {
					const page = await html('office', `/duty/${period}/log/${shift}/${date}`);
					if (NOT_ON_SHIFT.some((n) => page.includes(n))) continue;
					Object.assign(ids, { period, shift, date });
					break;
				}
				if (ids.shift) break;
			}
			expect(ids.shift, 'a duty shift with a log').toBeTruthy();
			// A closed 督办 item of 信息中心, a department none of the people above belongs to.
			const items = await html(
				'supervisor',
				'/supervision?q=' + encodeURIComponent('更新机关门户网站栏目')
			);
			ids.item = first(items, /href="\/supervision\/(\d+)"/, 'a demo supervision item')[1];
			// 宋佳慧's demo leave request, waiting for 局长 王建国.
			const inbox = await html('leader', '/leave/approvals');
			ids.leave = first(inbox, /href="\/leave\/(\d+)"/, 'a demo leave request')[1];
			const people = await html('admin', '/admin/people?q=' + encodeURIComponent('文涛'));
			ids.person = first(people, /href="\/admin\/people\/(\d+)"/, 'a person')[1];
			const calendar = await html('staff', '/account/calendar');
			ids.token = first(calendar, /\/calendar\/([\w-]+)\.ics/, 'a feed token')[1];
		});
		afterAll(async () => {
			await app?.stop();
		});

		const largest = { bytes: 0, at: '' };

		/** The demo id for each route parameter. */
		function url(route: string): string {
			const byPrefix = route.startsWith('/meetings/rooms/')
				? ids.room
				: route.startsWith('/duty/')
					? ids.period
					: route.startsWith('/admin/people/')
						? ids.person
						: route.startsWith('/supervision/')
							? ids.item
							: route.startsWith('/leave/')
								? ids.leave
								: ids.meeting;
			return route
				.replace('[id]', byPrefix)
				.replace('[aid]', ids.attachment)
				.replace('[shiftId]', ids.shift)
				.replace('[date]', ids.date)
				.replace('[code]', ids.code)
				.replace('[token]', ids.token);
		}

		/** The minimal form of an action (FORMS); a field named `file` carries a small file. */
		function form(key: string): URLSearchParams | FormData {
			const fields = FORMS[key];
			if (!fields) return new URLSearchParams();
			const value = (v: string) =>
				v.replace('{date}', ids.date).replace('{shift}', ids.shift).replace('{person}', ids.person);
			if (!('file' in fields)) {
				return new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, value(v)]));
			}
			const data = new FormData();
			for (const [k, v] of Object.entries(fields)) {
				if (k === 'file') data.set(k, new Blob(['权限测试'], { type: 'text/plain' }), v);
				else data.set(k, value(v));
			}
			return data;
		}

		/** Header bytes as they go over the wire (status line, `name: value` lines, blank line). */
		function headerBytes(res: Response): number {
			let n = `HTTP/1.1 ${res.status} ${res.statusText}\r\n\r\n`.length;
			for (const [k, v] of res.headers) n += Buffer.byteLength(`${k}: ${v}\r\n`);
			return n;
		}

		async function outcome(
			who: Who,
			{ key, kind }: RouteEntry
		): Promise<{ o: Outcome; detail: string }> {
			const [method, target] = key.split(' ');
			const action = kind === 'action';
			const res = await request(who, method, url(target), {
				...(method === 'GET' ? {} : { body: form(key) }),
				headers: action
					? { accept: 'application/json', 'x-sveltekit-action': 'true' }
					: { accept: 'text/html' }
			});
			const bytes = headerBytes(res);
			if (bytes > largest.bytes) Object.assign(largest, { bytes, at: `${who} ${key}` });
			expect(bytes, `${who} ${key}: response header bytes`).toBeLessThan(MAX_HEADER_BYTES);
			expect(res.status, `${who} ${key}: ${await res.clone().text()}`).toBeLessThan(500);
			let status = res.status;
			let location = res.headers.get('location') ?? '';
			if (action && res.headers.get('content-type')?.includes('application/json')) {
				const body = (await res.json()) as {
					type: string;
					status?: number;
					location?: string;
					data?: string;
				};
				if (body.type === 'redirect') location = body.location ?? '';
				else if (body.type === 'failure') {
					status = body.status ?? status;
					location = /"(请[^"]*|[^"]*错误[^"]*|[^"]{2,40}。)"/.exec(body.data ?? '')?.[1] ?? '';
				}
			}
			const detail = `${status}${location ? ' → ' + location : ''}`;
			if ([401, 403, 404].includes(status)) return { o: 'deny', detail };
			if (location.startsWith('/login') && who === 'anonymous') return { o: 'deny', detail };
			if (location.startsWith('/audit') && who === 'auditor') return { o: 'deny', detail };
			return { o: 'allow', detail };
		}
		it('lists every page, endpoint and form action in the table', () => {
			const routes = enumerateRoutes().map((r) => r.key);
			expect(routes.length).toBeGreaterThan(50);
			const missing = routes.filter((r) => !(r in ACCESS_TABLE));
			const stale = Object.keys(ACCESS_TABLE).filter((r) => !routes.includes(r));
			expect({ missing, stale }).toEqual({ missing: [], stale: [] });
		});

		it('allows exactly what the table allows, to anonymous and each role', async () => {
			// Form posts change things: pages first, then actions, signing out last.
			const order = ({ key }: RouteEntry) =>
				key.startsWith('GET') ? 0 : key === 'POST /logout' ? 2 : 1;
			const sorted = enumerateRoutes().sort((a, b) => order(a) - order(b));
			const wrong: string[] = [];
			const observed: Record<string, Who[]> = {};
			for (const route of sorted) {
				const key = route.key;
				observed[key] = [];
				for (const who of WHO) {
					const { o, detail } = await outcome(who, route);
					if (o === 'allow') observed[key].push(who);
					if (process.env.ACCESS_PRINT) console.log(`ACCESS ${key} | ${who} | ${o} | ${detail}`);
					const expected: Outcome = (ACCESS_TABLE[key] ?? []).includes(who) ? 'allow' : 'deny';
					if (o !== expected) wrong.push(`${key} — ${who}: ${o} (${detail}), table: ${expected}`);
				}
			}
			if (process.env.ACCESS_PRINT) console.log(JSON.stringify(observed, null, 1));
			console.log(`[access] ${sorted.length} routes × ${WHO.length}; largest headers:`, largest);
			expect(wrong).toEqual([]);
		});
	});
}
