import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDialects, startApp, type RunningApp } from './app';

// What a browser or an attacker sees on the wire: plain HTTP requests shaped like a browser's
// form posts (Accept: text/html, an Origin header), no JavaScript needed.

const ADMIN = { username: 'anquan', password: 'Safe-Admin-2026' };

/** Traces of the server's internals that must never reach a response. */
const STACK = /\n\s+at \S|node:internal|node_modules|\.js:\d+:\d+|TypeError|ReferenceError/;
const SQL =
	/\b(select|insert|update|delete)\b[^<]{0,80}\b(from|into|set|where)\b|sqlite|postgres|kysely|SQLITE_|out of range|violates|syntax error/i;

for (const dialect of e2eDialects()) {
	describe(`security on the wire [${dialect}]`, () => {
		let app: RunningApp;
		let session = '';

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
			app = await startApp(dialect);
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
			const audit = await (await get('/audit?action=department')).text();
			expect(audit).not.toContain('跨站测试科');

			// The same post from the app's own origin is accepted: the origin was the only difference.
			const own = await post('/admin/departments?/save', department, { cookie: session });
			expect(own.status).toBe(200);
			expect(await (await get('/admin/departments')).text()).toContain('跨站测试科');
			expect(await (await get('/audit?action=department')).text()).toContain('跨站测试科');
		});

		it('shows error pages without stack traces or SQL', async () => {
			const missing = await get('/no-such-page');
			expect(missing.status).toBe(404);
			const missingHtml = await missing.text();
			expect(missingHtml).toContain('页面或记录不存在');

			// A body the server cannot parse makes the action throw: a 500 with only a reference.
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
			expect(broken.status).toBe(500);
			const brokenHtml = await broken.text();
			expect(brokenHtml).toContain('服务器出错了');
			expect(brokenHtml).toMatch(/错误编号：[0-9a-f]{8}/);

			// An id beyond the database's integer range names nothing: 404, as any unknown id.
			const huge = await get('/admin/people/99999999999');
			expect(huge.status).toBe(404);
			const hugeHtml = await huge.text();

			for (const html of [missingHtml, brokenHtml, hugeHtml]) {
				expect(html).not.toMatch(STACK);
				expect(html).not.toMatch(SQL);
			}
			// The server log has the details the page leaves out.
			expect(app.logs()).toContain('Failed to parse body as FormData');
		});

		it('sends a signed-out visitor to the login page and back afterwards', async () => {
			const res = await fetch(app.url + '/meetings?view=list', { redirect: 'manual' });
			expect(res.status).toBe(303);
			expect(res.headers.get('location')).toBe('/login?next=%2Fmeetings%3Fview%3Dlist');

			const login = await post('/login?next=%2Fmeetings%3Fview%3Dlist', ADMIN);
			expect(login.status).toBe(303);
			expect(login.headers.get('location')).toBe('/meetings?view=list');
			// A next that leaves the site is ignored.
			const offsite = await post('/login?next=%2F%2Fevil.example', ADMIN);
			expect(offsite.headers.get('location')).toBe('/');
		});

		it('gives the same refusal for an unknown user and a wrong password', async () => {
			const refusal = async (username: string) => {
				const res = await post('/login', { username, password: 'Wrong-pass-2026' });
				const html = await res.text();
				const alert = html.match(/role="alert"[^>]*>([^<]*)</)?.[1];
				return { status: res.status, alert, cookie: res.headers.getSetCookie().join() };
			};
			const unknown = await refusal('no-such-user');
			const wrong = await refusal(ADMIN.username);
			expect(unknown.alert).toBe('用户名或密码错误');
			expect(wrong).toEqual(unknown);
		});

		it('never writes passwords or session tokens to the server log', () => {
			const logs = app.logs();
			expect(logs).not.toContain(ADMIN.password);
			expect(logs).not.toContain('Wrong-pass-2026');
			expect(logs).not.toContain(session.split('=')[1]);
		});
	});
}
