import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { FIXTURE_PASSWORD, newUser } from '../testing/fixtures';
import { inParallel, wideDb } from '../testing/parallel';
import { login, LoginError } from './auth.service';
import { blockedUntil, clearThrottle, recordFailure } from './rate-limit';

const RULE = { limit: 3, windowMs: 10 * 60_000, blockMs: 5 * 60_000 };
const T0 = new Date('2026-05-06T02:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describeEachDialect('throttles', (dialectCtx) => {
	const { db } = dialectCtx;
	it('counts failures per key within the window', async () => {
		expect((await recordFailure(db(), 'k1', RULE, at(0))).count).toBe(1);
		expect(await recordFailure(db(), 'k1', RULE, at(1))).toEqual({ count: 2, blockedUntil: null });
		expect(await recordFailure(db(), 'k2', RULE, at(2))).toEqual({ count: 1, blockedUntil: null });
		expect(await blockedUntil(db(), 'k1', at(2))).toBeNull();
	});

	it('blocks a key once it reaches the limit, until the block ends', async () => {
		await recordFailure(db(), 'k1', RULE, at(0));
		await recordFailure(db(), 'k1', RULE, at(1));
		const third = await recordFailure(db(), 'k1', RULE, at(2));
		expect(third).toEqual({ count: 3, blockedUntil: '2026-05-06T02:07:00.000Z' });
		expect(await blockedUntil(db(), 'k1', at(3))).toBe('2026-05-06T02:07:00.000Z');
		expect(await blockedUntil(db(), 'k2', at(3))).toBeNull();
		expect(await blockedUntil(db(), 'k1', at(7))).toBeNull();
		// After the block a new window starts from one.
		expect(await recordFailure(db(), 'k1', RULE, at(8))).toEqual({ count: 1, blockedUntil: null });
	});

	it('starts a new count once the window has passed', async () => {
		await recordFailure(db(), 'k1', RULE, at(0));
		await recordFailure(db(), 'k1', RULE, at(9));
		expect(await recordFailure(db(), 'k1', RULE, at(10))).toEqual({ count: 1, blockedUntil: null });
		expect(await recordFailure(db(), 'k1', RULE, at(11))).toEqual({ count: 2, blockedUntil: null });
	});

	it('never lifts a block: a failure during the block keeps it', async () => {
		for (const m of [0, 1, 2]) await recordFailure(db(), 'k1', RULE, at(m));
		const during = await recordFailure(db(), 'k1', RULE, at(3));
		expect(during.blockedUntil).toBe('2026-05-06T02:07:00.000Z');
		expect(await blockedUntil(db(), 'k1', at(4))).toBe('2026-05-06T02:07:00.000Z');
	});

	it('counts failures arriving at once, each exactly once', async (ctx) => {
		const wide = wideDb(dialectCtx, 20);
		ctx.onTestFinished(() => wide.destroy());
		const r = await inParallel(20, () => recordFailure(wide.db, 'k1', RULE, at(0)));
		expect(r.errors).toEqual([]);
		expect(r.ok.map((x) => x.count).sort((a, b) => a - b)).toEqual(
			Array.from({ length: 20 }, (_, i) => i + 1)
		);
		expect(await blockedUntil(db(), 'k1', at(1))).toBe('2026-05-06T02:05:00.000Z');
	});

	it('forgets a key on clearThrottle', async () => {
		for (const m of [0, 1, 2]) await recordFailure(db(), 'k1', RULE, at(m));
		await recordFailure(db(), 'k2', RULE, at(0));
		await clearThrottle(db(), 'k1');
		expect(await blockedUntil(db(), 'k1', at(3))).toBeNull();
		expect((await recordFailure(db(), 'k1', RULE, at(3))).count).toBe(1);
		expect((await recordFailure(db(), 'k2', RULE, at(3))).count).toBe(2);
	});
});

describeEachDialect('login throttling by address', (dialectCtx) => {
	const { db } = dialectCtx;
	it('blocks an address after 30 failures with any usernames; other addresses still sign in', async () => {
		await newUser(db(), { username: 'zhangsan' });
		const ip = { ip: '203.0.113.9', userAgent: 'vitest' };
		for (let i = 0; i < 30; i++) {
			await expect(
				login(db(), { username: `guess${i}`, password: 'Guess-pass-1' }, ip)
			).rejects.toThrow('用户名或密码错误');
		}
		const blocked = await login(
			db(),
			{ username: 'zhangsan', password: FIXTURE_PASSWORD },
			ip
		).catch((e) => e);
		expect(blocked).toBeInstanceOf(LoginError);
		expect(blocked.message).toBe('登录尝试过于频繁，请 10 分钟后再试');

		const elsewhere = { ip: '198.51.100.4', userAgent: 'vitest' };
		const r = await login(db(), { username: 'zhangsan', password: FIXTURE_PASSWORD }, elsewhere);
		expect(r.token).toContain('.');
	});

	it('blocks an address after 40 failures at once; the right password is then refused', async (ctx) => {
		await newUser(db(), { username: 'lisi' });
		const wide = wideDb(dialectCtx, 20);
		ctx.onTestFinished(() => wide.destroy());
		const ip = { ip: '203.0.113.77', userAgent: 'vitest' };
		const r = await inParallel(40, (i) =>
			login(wide.db, { username: `guess${i}`, password: 'Guess-pass-1' }, ip)
		);
		expect(r.ok).toEqual([]);
		expect(r.errors.every((e) => e instanceof LoginError)).toBe(true);
		expect(await blockedUntil(db(), 'login-ip:203.0.113.77')).not.toBeNull();
		await expect(login(db(), { username: 'lisi', password: FIXTURE_PASSWORD }, ip)).rejects.toThrow(
			'登录尝试过于频繁'
		);
	});
});
