import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDialects, startApp, type RunningApp } from './app';

// What a browser or an attacker sees on the wire: plain HTTP requests shaped like a browser's
// form posts (Accept: text/html, an Origin header), no JavaScript needed.

const ADMIN = { username: 'anquan', password: 'Safe-Admin-2026' };

/** Traces of the server's internals that must never reach a response. */
const STACK = /\n\s+at \S|node:internal|node_modules|\.js:\d+:\d+|TypeError|ReferenceError/;
const SQL =
	/\b(select|insert|update|delete)\b[^<]{0,80}\b(from|into|set|where)\b|sqlite|postgres|kysely|SQLITE_|out of range|violates|syntax error/i;

for (const dialect of e2eDialects('sqlite')) {
	describe(`security on the wire [${dialect}]`, () => {
		let app: RunningApp;
		let session = '';
		/** The security auditor's session: the audit log is theirs alone (三员分立). */
		let auditor = '';

		/** A form post as a browser sends it; `origin` defaults to the app's own. */
		function post(path: string, fields: Record<string, string>, headers: HeadersInit = {}) {
			return fetch(app.url + path, {
				method: 'POST',
				redirect: 'manual',
				headers: { accept: 'text/html', origin: app.url, ...headers },
				body: new URLSearchParams(fields)
			});
		}
		function get(path: string, headers: HeadersInit = {}) {
			return fetch(app.url + path, {
				redirect: 'manual',
				headers: { cookie: session, ...headers }
			});
		}
		/** The security auditor's view of the audit log, filtered by action. */
		async function auditLog(action: string): Promise<string> {
			const res = await get('/audit?action=' + encodeURIComponent(action), { cookie: auditor });
			expect(res.status).toBe(200);
			return res.text();
		}
		/** The administrator creates a security auditor, who signs in and sets a password. */
		async function newAuditorSession(): Promise<string> {
			const office = { id: '', name: '保密办', kind: 'section', parentId: '', sortOrder: '' };
			expect((await post('/admin/departments?/save', office, { cookie: session })).status).toBe(
				200
			);
			const list = await (await get('/admin/departments')).text();
			const deptId = list.match(/href="\?edit=(\d+)" aria-label="[^"]*保密办/)?.[1];
			expect(deptId, 'the new department').toBeTruthy();
			const person = {
				username: 'shenji',
				name: '审计员甲',
				departmentId: deptId!,
				roles: 'auditor',
				password: 'Audit-Start-2026'
			};
			expect((await post('/admin/people/new?/save', person, { cookie: session })).status).toBe(200);
			const signedIn = await post('/login', { username: 'shenji', password: person.password });
			expect(signedIn.headers.get('location')).toBe('/account/password');
			const cookie = sessionCookie(signedIn).split(';')[0];
			const changed = await post(
				'/account/password',
				{ current: person.password, next: 'Audit-Pass-2026', confirm: 'Audit-Pass-2026' },
				{ cookie }
			);
			expect(changed.status).toBe(303);
			return cookie;
		}
		/** The session cookie's `name=value` from a response's Set-Cookie headers. */
		function sessionCookie(res: Response): string {
			const c = res.headers.getSetCookie().find((h) => h.startsWith('huiban_session='));
			expect(c, 'a session cookie').toBeTruthy();
			return c!;
		}
		const attributes = (cookie: string) =>
			cookie
				.split(';')
				.slice(1)
				.map((a) => a.trim().toLowerCase());

		beforeAll(async () => {
			// Logging as in production (tests are silent by default), so the log checks below see it.
			app = await startApp(dialect, { LOG_LEVEL: 'info' });
			const res = await post('/setup', {
				officeName: '某市审计局',
				timeZone: 'Asia/Shanghai',
				name: '安全管理员',
				username: ADMIN.username,
				password: ADMIN.password,
				confirm: ADMIN.password
			});
			expect(res.status).toBe(303);
			session = sessionCookie(res).split(';')[0];
			auditor = await newAuditorSession();
		});
		afterAll(async () => {
			await app?.stop();
		});

		it('sends the security headers on pages, error pages and the health check', async () => {
			const pages: [string, string][] = [
				['/login', ''],
				['/', session],
				['/no-such-page', session],
				['/healthz', '']
			];
			for (const [path, cookie] of pages) {
				const res = await get(path, { cookie });
				expect(res.status, path).toBe(path === '/no-such-page' ? 404 : 200);
				const h = res.headers;
				expect(h.get('x-frame-options'), path).toBe('DENY');
				expect(h.get('x-content-type-options'), path).toBe('nosniff');
				expect(h.get('referrer-policy'), path).toBe('same-origin');
				if (path === '/healthz') continue;
				const csp = h.get('content-security-policy') ?? '';
				expect(csp, path).toContain("default-src 'self'");
				expect(csp, path).toContain("frame-ancestors 'none'");
				expect(csp, path).toContain("object-src 'none'");
				// Scripts only from the app itself or the inline bootstrap it hashes or nonces.
				const scripts = csp.match(/script-src ([^;]+)/)?.[1] ?? '';
				expect(scripts, path).toMatch(/^'self'( '(nonce|sha256)-[^']+')+$/);
			}
		});

		it('sets an HttpOnly, SameSite=Lax session cookie, Secure when the proxy says https', async () => {
			const plain = await post('/login', ADMIN);
			expect(plain.status).toBe(303);
			const plainAttrs = attributes(sessionCookie(plain));
			expect(plainAttrs).toContain('httponly');
			expect(plainAttrs).toContain('samesite=lax');
			expect(plainAttrs).not.toContain('secure');
			expect(plain.headers.get('strict-transport-security')).toBeNull();

			// Behind a TLS-terminating proxy that sends X-Forwarded-Proto (README, no ORIGIN set).
			const host = new URL(app.url).host;
			const tls = await post('/login', ADMIN, {
				origin: `https://${host}`,
				'x-forwarded-proto': 'https'
			});
			expect(tls.status).toBe(303);
			const tlsAttrs = attributes(sessionCookie(tls));
			expect(tlsAttrs).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'secure']));
			expect(tls.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
		});

		it('refuses a cross-origin form post and writes nothing', async () => {
			const department = {
				id: '',
				name: '跨站测试科',
				kind: 'section',
				parentId: '',
				sortOrder: ''
			};
			const evil = await post('/admin/departments?/save', department, {
				origin: 'http://evil.example',
				cookie: session
			});
			expect(evil.status).toBe(403);
			const list = await (await get('/admin/departments')).text();
			expect(list).not.toContain('跨站测试科');
			expect(await auditLog('department')).not.toContain('跨站测试科');

			// The same post from the app's own origin is accepted: the origin was the only difference.
			const own = await post('/admin/departments?/save', department, { cookie: session });
			expect(own.status).toBe(200);
			expect(await (await get('/admin/departments')).text()).toContain('跨站测试科');
			expect(await auditLog('department')).toContain('跨站测试科');
		});

		it('shows error pages without stack traces or SQL', async () => {
			const missing = await get('/no-such-page');
			expect(missing.status).toBe(404);
			const missingHtml = await missing.text();
			expect(missingHtml).toContain('页面或记录不存在');

			// A body the server cannot parse is the sender's mistake: a 400 with a clear message.
			const broken = await fetch(app.url + '/login', {
				method: 'POST',
				redirect: 'manual',
				headers: {
					accept: 'text/html',
					origin: app.url,
					'content-type': 'multipart/form-data; boundary=zzz'
				},
				body: '--zzz\r\nnot a form'
			});
			expect(broken.status).toBe(400);
			const brokenHtml = await broken.text();
			expect(brokenHtml).toContain('无法读取提交的表单');
			expect(brokenHtml).not.toContain('服务器出错了');

			// An id beyond the database's integer range names nothing: 404, as any unknown id.
			const huge = await get('/admin/people/99999999999');
			expect(huge.status).toBe(404);
			const hugeHtml = await huge.text();

			for (const html of [missingHtml, brokenHtml, hugeHtml]) {
				expect(html).not.toMatch(STACK);
				expect(html).not.toMatch(SQL);
			}
			// Nothing of this is a server error, so nothing reaches the error log.
			expect(app.logs()).not.toContain('"level":50');
		});

		it('sends a signed-out visitor to the login page and back afterwards', async () => {
			const res = await fetch(app.url + '/meetings?view=list', { redirect: 'manual' });
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/login?next=%2Fmeetings%3Fview%3Dlist');

			const login = await post('/login?next=%2Fmeetings%3Fview%3Dlist', ADMIN);
			expect(login.status).toBe(303);
			expect(login.headers.get('location')).toBe('/meetings?view=list');
			// A next that leaves the site is ignored, however it is spelled.
			for (const next of ['%2F%2Fevil.example', '/%5Cevil.example/x', '/%09/evil.example']) {
				const offsite = await post('/login?next=' + next, ADMIN);
				expect(offsite.headers.get('location'), next).toBe('/');
			}
		});

		it('gives the same refusal for an unknown user and a wrong password', async () => {
			const refusal = async (username: string) => {
				const res = await post('/login', { username, password: 'Wrong-pass-2026' });
				const html = await res.text();
				// The alert's text, whatever markup it sits in (the form's error summary).
				const box = html.match(/role="alert"[^>]*>([\s\S]*?)<\/div>/)?.[1] ?? '';
				const alert = box.replace(/<[^>]*>/g, '').trim();
				return { status: res.status, alert, cookie: res.headers.getSetCookie().join() };
			};
			const unknown = await refusal('no-such-user');
			const wrong = await refusal(ADMIN.username);
			expect(unknown.alert).toBe('用户名或密码错误');
			expect(wrong).toEqual(unknown);
		});

		it('answers malformed requests with a 4xx and a clear message, never a server error', async () => {
			// Over BODY_SIZE_LIMIT (12M by default, scripts/serve.js).
			const big = 'x'.repeat(13 * 1024 * 1024);
			const multipart = 'multipart/form-data; boundary=zzz';
			const form = 'application/x-www-form-urlencoded';
			/** [what, path, request, expected status] — GETs as the administrator unless told. */
			const probes: [string, string, RequestInit, number][] = [
				['bad from date', '/meetings?from=x', {}, 400],
				['bad to date', '/meetings?to=x', {}, 400],
				['no such day', '/meetings?from=2026-02-30', {}, 400],
				['bulletin: no such day', '/meetings/bulletin?to=2026-13-45', {}, 400],
				['bulletin export: bad department', '/meetings/bulletin/export.xlsx?department=x', {}, 400],
				['huge page', '/meetings?page=99999999999999999999999', {}, 400],
				['huge type id', '/meetings?type=99999999999', {}, 400],
				['NUL in search', '/meetings?q=a%00b', {}, 400],
				['wildcards in search', '/meetings?q=%25_', {}, 200],
				['people: huge page', '/admin/people?page=99999999999999999999999', {}, 400],
				['people: negative department', '/admin/people?department=-1', {}, 400],
				['duty log: huge page', '/duty/logs?page=99999999999999999999999', {}, 400],
				['outbox: huge page', '/admin/outbox?page=99999999999999999999999', {}, 400],
				[
					'audit: huge page',
					'/audit?page=99999999999999999999999',
					{ headers: { cookie: auditor } },
					400
				],
				['audit: no such day', '/audit?from=2026-13-45', { headers: { cookie: auditor } }, 400],
				[
					'JSON to a form',
					'/login',
					{ method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } },
					415
				],
				['no content type', '/login', { method: 'POST' }, 415],
				[
					'text/plain form',
					'/login',
					{ method: 'POST', body: 'a=1', headers: { 'content-type': 'text/plain' } },
					400
				],
				[
					'broken multipart (fetch)',
					'/admin/departments?/save',
					{
						method: 'POST',
						body: '--zzz\r\nbroken',
						headers: { 'content-type': multipart, accept: 'application/json' }
					},
					400
				],
				[
					'NUL in a field',
					'/admin/departments?/save',
					{
						method: 'POST',
						body: 'id=&name=a%00b&kind=section',
						headers: { 'content-type': form }
					},
					400
				],
				[
					'NUL in a username',
					'/login',
					{ method: 'POST', body: 'username=a%00&password=x', headers: { 'content-type': form } },
					400
				],
				[
					'no such action',
					'/admin/departments?/nosuch',
					{ method: 'POST', body: 'a=1', headers: { 'content-type': form } },
					404
				],
				[
					'too large',
					'/admin/departments?/save',
					{ method: 'POST', body: 'name=' + big, headers: { 'content-type': form } },
					413
				],
				[
					'POST to an endpoint',
					'/healthz',
					{ method: 'POST', body: 'a=1', headers: { 'content-type': form } },
					405
				],
				[
					'POST to a page without actions',
					'/meetings',
					{ method: 'POST', body: 'a=1', headers: { 'content-type': form } },
					405
				],
				['PUT to a page', '/meetings', { method: 'PUT' }, 405],
				[
					'negative logistics owner',
					'/meetings/new?/save',
					{
						method: 'POST',
						body: new URLSearchParams({
							title: '探测',
							typeId: '1',
							date: `${new Date().getFullYear() + 1}-01-07`,
							startTime: '09:00',
							endTime: '10:00',
							location: '一楼',
							logisticsItem: '茶水',
							logisticsOwner: '-1'
						}).toString(),
						headers: { 'content-type': form }
					},
					400
				]
			];
			for (const [what, path, init, status] of probes) {
				const res = await fetch(app.url + path, {
					redirect: 'manual',
					...init,
					headers: { accept: 'text/html', origin: app.url, cookie: session, ...init.headers }
				});
				const body = await res.text();
				expect(res.status, what).toBe(status);
				expect(body, what).not.toContain('服务器出错了');
				expect(body, what).not.toMatch(STACK);
				expect(body, what).not.toMatch(SQL);
			}
			// A 4xx is the sender's mistake: none of these is logged as a server error.
			expect(app.logs()).not.toContain('"level":50');
		});

		it('keeps the audit log from the administrator, and audits the refusal', async () => {
			const refused = await get('/audit');
			expect(refused.status).toBe(403);
			expect(await refused.text()).toContain('没有权限');
			const log = await auditLog('auth.forbidden');
			expect(log).toContain('安全管理员');
			expect(log).toContain('/(app)/audit');
			// Sign-in failures earlier in this file were audited too.
			expect(await auditLog('auth.login_failed')).toContain('no-such-user');
		});

		it('never writes passwords or session tokens to the server log', () => {
			const logs = app.logs();
			expect(logs).not.toContain(ADMIN.password);
			expect(logs).not.toContain('Wrong-pass-2026');
			expect(logs).not.toContain(session.split('=')[1]);
		});
	});
}
