import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import type { NewPersonInput } from './people.schema';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { findUserById } from './users.repository';
import { ACCOUNT_LOCK } from '../auth/auth.service';
import { blockedUntil, recordFailure } from '../auth/rate-limit';
import {
	createPerson,
	setPersonActive,
	unlockPerson,
	updatePerson,
	USERNAME_THROTTLE_PREFIX
} from './users.service';

const N = 20;

describeEachDialect('people, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);
	async function admin() {
		const a = await newUser(ctx.db(), { roles: ['admin'] });
		const departmentId = await newDepartment(ctx.db(), { name: '办公室' });
		return { actor: a.actor, departmentId, wide: openWide() };
	}
	// Overrides may be deliberately bad (a test of the refusal), hence the cast.
	const form = (departmentId: number, o: Record<string, unknown> = {}) =>
		({
			username: 'wangfang',
			name: '王芳',
			departmentId: String(departmentId),
			title: '科员',
			precedence: '10',
			phone: '',
			email: '',
			workStartDate: '',
			roles: ['staff'],
			password: 'Wang-Fang-2026',
			...o
		}) as NewPersonInput;

	it('creates one person of a username; the others are told it is taken', async () => {
		const { actor, departmentId, wide } = await admin();
		const { ok, errors } = await inParallel(N, () => createPerson(wide, actor, form(departmentId)));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(new Set(errors.map((e) => (e as Error).message))).toEqual(new Set(['用户名已被使用']));
		expect(await auditRows(ctx.db(), 'user.create')).toHaveLength(1);
	});

	it('an identical edit is saved and audited once, never a database error', async () => {
		const { actor, departmentId, wide } = await admin();
		const { id } = await createPerson(ctx.db(), actor, form(departmentId));
		const edit = form(departmentId, { title: '副主任', roles: ['staff', 'office'] });
		const { errors } = await inParallel(N, () => updatePerson(wide, actor, id, edit));
		expect(errors).toEqual([]);
		expect((await findUserById(ctx.db(), id))?.roles.sort()).toEqual(['office', 'staff']);
		expect(await auditRows(ctx.db(), 'user.update')).toHaveLength(1);
	});

	it('a deactivation is audited once', async () => {
		const { actor, wide } = await admin();
		const u = await newUser(ctx.db());
		const { errors } = await inParallel(N, () => setPersonActive(wide, actor, u.id, false));
		expect(errors).toEqual([]);
		expect(await auditRows(ctx.db(), 'user.deactivate')).toHaveLength(1);
	});

	it('lifts a lockout once: one audit row, and a second unlock changes nothing', async () => {
		const { actor, wide } = await admin();
		const locked = await newUser(ctx.db(), { username: 'lisi' });
		const key = USERNAME_THROTTLE_PREFIX + 'lisi';
		for (let i = 0; i < ACCOUNT_LOCK.limit; i++) await recordFailure(ctx.db(), key, ACCOUNT_LOCK);
		expect(await blockedUntil(ctx.db(), key)).not.toBeNull();
		const { ok, errors } = await inParallel(N, () => unlockPerson(wide, actor, locked.id));
		expect([ok.length, errors]).toEqual([N, []]);
		expect(await blockedUntil(ctx.db(), key)).toBeNull();
		expect(await auditRows(ctx.db(), 'user.unlock')).toHaveLength(1);
		await unlockPerson(ctx.db(), actor, locked.id);
		expect(await auditRows(ctx.db(), 'user.unlock')).toHaveLength(1);
	});
});
