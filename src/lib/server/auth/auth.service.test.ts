import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, FIXTURE_PASSWORD, newUser } from '../testing/fixtures';
import { auditRows } from '../testing/audit-rows';
import { inParallel, onlyUserErrors, wideDb } from '../testing/parallel';
import { ACCOUNT_LOCK, changePassword, IP_LIMIT, login, LoginError } from './auth.service';
import { validateSessionToken } from './session';

const ctx = { ip: '10.0.0.1', userAgent: 'vitest' };
const limits = { idleMinutes: 120, absoluteHours: 12 };

describeEachDialect('login', (dialectCtx) => {
	const { db } = dialectCtx;
	it('signs in with the right password and creates a session', async () => {
		const u = await newUser(db(), { username: 'zhangsan' });
		const r = await login(db(), { username: 'ZhangSan', password: FIXTURE_PASSWORD }, ctx);
		expect(r.userId).toBe(u.id);
		const s = await validateSessionToken(db(), r.token, limits);
		expect(s?.userId).toBe(u.id);
	});

	it('records the browser by name in the sign-in audit row', async () => {
		const u = await newUser(db(), { username: 'zhaoliu' });
		const edge =
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86';
		const signIn = { username: 'zhaoliu', password: FIXTURE_PASSWORD };
		await login(db(), signIn, { ...ctx, userAgent: edge });
		await login(db(), signIn, { ...ctx, userAgent: 'not a browser' });
		const rows = await auditRows(db(), 'auth.login');
		expect(rows.map((r) => [r.actorId, r.changes])).toEqual([
			[u.id, { browser: 'Microsoft Edge 131 · Windows 10' }],
			[u.id, {}]
		]);
	});

	it('refuses an empty username or password without counting or auditing it', async () => {
		await newUser(db(), { username: 'sunqi' });
		for (const input of [
			{ username: ' ', password: FIXTURE_PASSWORD },
			{ username: 'sunqi', password: '' }
		]) {
			await expect(login(db(), input, ctx)).rejects.toThrow('请输入用户名和密码');
		}
		expect(await auditCount(db())).toBe(0);
	});

	it('gives the same message for an unknown user and a wrong password', async () => {
		await newUser(db(), { username: 'lisi' });
		const wrong = await login(db(), { username: 'lisi', password: 'nope-Nope-1' }, ctx).catch(
			(e) => e
		);
		const unknown = await login(db(), { username: 'nobody', password: 'nope-Nope-1' }, ctx).catch(
			(e) => e
		);
		expect(wrong).toBeInstanceOf(LoginError);
		expect(wrong.message).toBe('用户名或密码错误');
		expect(unknown.message).toBe(wrong.message);
	});

	it('locks the account after five wrong passwords, even for the right one', async () => {
		await newUser(db(), { username: 'wangwu' });
		for (let i = 0; i < 4; i++) {
			await expect(
				login(db(), { username: 'wangwu', password: 'Bad-pass-1' }, ctx)
			).rejects.toThrow('用户名或密码错误');
		}
		await expect(login(db(), { username: 'wangwu', password: 'Bad-pass-1' }, ctx)).rejects.toThrow(
			/已锁定/
		);
		await expect(
			login(db(), { username: 'wangwu', password: FIXTURE_PASSWORD }, ctx)
		).rejects.toThrow(/已锁定/);
		// Each failure and the refused sign-in were audited; nothing else was written.
		expect(await auditCount(db())).toBe(6);
	});

	it('locks the account when twelve wrong passwords arrive at once', async (t) => {
		await newUser(db(), { username: 'qianjiu' });
		const wide = wideDb(dialectCtx, 20);
		t.onTestFinished(() => wide.destroy());
		const r = await inParallel(12, () =>
			login(wide.db, { username: 'qianjiu', password: 'Bad-pass-1' }, ctx)
		);
		expect(r.ok).toEqual([]);
		expect(r.errors.every((e) => e instanceof LoginError)).toBe(true);
		await expect(
			login(db(), { username: 'qianjiu', password: FIXTURE_PASSWORD }, ctx)
		).rejects.toThrow(/已锁定/);
		// Only as many guesses as the limit allows were checked and audited as failures.
		const failures = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('action', 'in', ['auth.login_failed', 'auth.locked'])
			.execute();
		expect(failures).toHaveLength(ACCOUNT_LOCK.limit);
	});

	it('audits a sign-in refused while the address is blocked', async () => {
		await newUser(db(), { username: 'wujiu' });
		const other = { ip: '192.0.2.50', userAgent: 'vitest' };
		for (let i = 0; i < IP_LIMIT.limit; i++) {
			await login(db(), { username: `x${i}`, password: 'Bad-pass-1' }, other).catch(() => null);
		}
		await expect(
			login(db(), { username: 'wujiu', password: FIXTURE_PASSWORD }, other)
		).rejects.toThrow('登录尝试过于频繁');
		const refused = await db()
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'auth.login_refused')
			.execute();
		expect(refused).toHaveLength(1);
		expect(refused[0].ip).toBe('192.0.2.50');
		expect(JSON.parse(refused[0].changes)).toMatchObject({ username: 'wujiu', reason: 'ip' });
	});

	it('refuses an inactive account with the generic message', async () => {
		await newUser(db(), { username: 'zhaoliu', isActive: false });
		await expect(
			login(db(), { username: 'zhaoliu', password: FIXTURE_PASSWORD }, ctx)
		).rejects.toThrow('用户名或密码错误');
	});
});

describeEachDialect('changePassword', (dialectCtx) => {
	const { db } = dialectCtx;
	it('rejects a weak password and changes nothing', async () => {
		const u = await newUser(db(), { username: 'sunqi', mustChangePassword: true });
		const before = await auditCount(db());
		await expect(
			changePassword(db(), u.actor, 'x', {
				current: FIXTURE_PASSWORD,
				next: 'abcdefgh',
				confirm: 'abcdefgh'
			})
		).rejects.toMatchObject({ fields: { next: expect.stringContaining('三类') } });
		expect(await auditCount(db())).toBe(before);
		const r = await login(db(), { username: 'sunqi', password: FIXTURE_PASSWORD }, ctx);
		expect(r.mustChangePassword).toBe(true);
	});

	it('audits a wrong current password and stops checking after five', async () => {
		const u = await newUser(db(), { username: 'zhengshi' });
		const attempt = (current: string) =>
			changePassword(db(), u.actor, 'x', {
				current,
				next: 'New-Pass-2026',
				confirm: 'New-Pass-2026'
			});
		for (let i = 0; i < 5; i++) {
			await expect(attempt('Wrong-pass-' + i)).rejects.toMatchObject({
				fields: { current: '当前密码不正确' }
			});
		}
		// Locked: even the right password is no longer checked.
		await expect(attempt(FIXTURE_PASSWORD)).rejects.toMatchObject({
			fields: { current: expect.stringMatching(/尝试次数过多/) }
		});
		const rows = await db()
			.selectFrom('audit_log')
			.select(['action', 'actor_id'])
			.where('action', 'like', 'auth.password_change%')
			.execute();
		expect(rows.filter((r) => r.action === 'auth.password_change_failed')).toHaveLength(6);
		expect(rows.every((r) => r.actor_id === u.id)).toBe(true);
		const r = await login(db(), { username: 'zhengshi', password: FIXTURE_PASSWORD }, ctx);
		expect(r.userId).toBe(u.id);
	});

	it('checks at most five current passwords sent at once', async (t) => {
		const u = await newUser(db(), { username: 'fengshi' });
		const wide = wideDb(dialectCtx, 20);
		t.onTestFinished(() => wide.destroy());
		const r = await inParallel(12, (i) =>
			changePassword(wide.db, u.actor, 'x', {
				current: 'Wrong-pass-' + i,
				next: 'New-Pass-2026',
				confirm: 'New-Pass-2026'
			})
		);
		expect(r.ok).toEqual([]);
		expect(onlyUserErrors(r.errors)).toBe(true);
		const wrong = r.errors.filter(
			(e) => (e as { fields?: Record<string, string> }).fields?.current === '当前密码不正确'
		);
		expect(wrong).toHaveLength(5);
	});

	it('sets the new password and clears the forced change', async () => {
		const u = await newUser(db(), { username: 'zhouba', mustChangePassword: true });
		await changePassword(db(), u.actor, 'x', {
			current: FIXTURE_PASSWORD,
			next: 'New-Pass-2026',
			confirm: 'New-Pass-2026'
		});
		const r = await login(db(), { username: 'zhouba', password: 'New-Pass-2026' }, ctx);
		expect(r.mustChangePassword).toBe(false);
	});
});
