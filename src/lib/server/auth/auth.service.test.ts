import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, FIXTURE_PASSWORD, newUser } from '../testing/fixtures';
import { changePassword, login, LoginError } from './auth.service';
import { validateSessionToken } from './session';

const ctx = { ip: '10.0.0.1', userAgent: 'vitest' };
const limits = { idleMinutes: 120, absoluteHours: 12 };

describeEachDialect('login', ({ db }) => {
	it('signs in with the right password and creates a session', async () => {
		const u = await newUser(db(), { username: 'zhangsan' });
		const r = await login(db(), { username: 'ZhangSan', password: FIXTURE_PASSWORD }, ctx);
		expect(r.userId).toBe(u.id);
		const s = await validateSessionToken(db(), r.token, limits);
		expect(s?.user_id).toBe(u.id);
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
		// Each failure was audited; nothing else was written.
		expect(await auditCount(db())).toBe(5);
	});

	it('refuses an inactive account with the generic message', async () => {
		await newUser(db(), { username: 'zhaoliu', isActive: false });
		await expect(
			login(db(), { username: 'zhaoliu', password: FIXTURE_PASSWORD }, ctx)
		).rejects.toThrow('用户名或密码错误');
	});
});

describeEachDialect('changePassword', ({ db }) => {
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
