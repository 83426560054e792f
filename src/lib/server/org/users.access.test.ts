import { expect, it } from 'vitest';
import { checkPassword } from '$lib/domain/password-policy';
import type { Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { login } from '../auth/auth.service';
import { validateSessionToken } from '../auth/session';
import { ForbiddenError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, FIXTURE_PASSWORD, newDepartment, newUser } from '../testing/fixtures';
import { findUserById, updateUser } from './users.repository';
import {
	createPerson,
	getPerson,
	resetPassword,
	searchPeople,
	setPersonActive,
	unlockPerson,
	updatePerson
} from './users.service';
import { ctx, limits, GENERIC, setup, person, snapshot, lockOut } from './users.test-helpers';

describeEachDialect('people: passwords and lockouts', ({ db }) => {
	it('resets a password: new temporary one, sessions ended, must change, lockout lifted', async () => {
		const { office, admin } = await setup(db());
		const u = await newUser(db(), { username: 'zhaoliu', departmentId: office });
		const { token } = await login(db(), { username: 'zhaoliu', password: FIXTURE_PASSWORD }, ctx);
		await lockOut(db(), 'zhaoliu');

		const temporary = await resetPassword(db(), admin, u.id);
		expect(checkPassword(temporary, 'zhaoliu')).toBeNull();
		expect(await validateSessionToken(db(), token, limits)).toBeNull();
		expect((await findUserById(db(), u.id))?.isPasswordChangeRequired).toBe(true);
		const r = await login(db(), { username: 'zhaoliu', password: temporary }, ctx);
		expect(r.mustChangePassword).toBe(true);
		await expect(
			login(db(), { username: 'zhaoliu', password: FIXTURE_PASSWORD }, ctx)
		).rejects.toThrow(GENERIC);
		expect(await auditRows(db(), 'user.reset_password')).toMatchObject([
			{ actorId: admin.id, entityId: String(u.id), changes: {} }
		]);
	});

	it('unlocks a person locked out by wrong passwords', async () => {
		const { office, admin } = await setup(db());
		const u = await newUser(db(), { username: 'sunqi', departmentId: office });
		await lockOut(db(), 'sunqi');
		await unlockPerson(db(), admin, u.id);
		const r = await login(db(), { username: 'SunQi', password: FIXTURE_PASSWORD }, ctx);
		expect(r.userId).toBe(u.id);
		expect(await auditRows(db(), 'user.unlock')).toMatchObject([
			{ actorId: admin.id, entityId: String(u.id) }
		]);
	});
});

describeEachDialect('people: permissions and search', ({ db }) => {
	it('refuses staff, office, leader and auditor for every people action, writing nothing', async () => {
		const { office } = await setup(db());
		const target = await newUser(db(), { username: 'target', departmentId: office });
		const roles: Role[] = ['staff', 'office', 'leader', 'auditor'];
		for (const role of roles) {
			const { actor } = await newUser(db(), { roles: [role], departmentId: office });
			const before = await snapshot(db());
			const calls: ((a: Actor) => Promise<unknown>)[] = [
				(a) => createPerson(db(), a, { ...person(office), password: 'Start-Pass-26' }),
				(a) => updatePerson(db(), a, target.id, person(office, { username: 'target' })),
				(a) => resetPassword(db(), a, target.id),
				(a) => setPersonActive(db(), a, target.id, false),
				(a) => unlockPerson(db(), a, target.id),
				(a) => getPerson(db(), a, target.id),
				(a) => searchPeople(db(), a, { page: 1, pageSize: 20 })
			];
			for (const call of calls) await expect(call(actor)).rejects.toBeInstanceOf(ForbiddenError);
			expect(await snapshot(db())).toEqual(before);
		}
		expect(await auditCount(db())).toBe(0);
	});

	it('filters by name, username, phone, department, role and active, and pages', async () => {
		const { office, admin } = await setup(db());
		const section = await newDepartment(db(), { name: '综合科' });
		const add = async (
			username: string,
			name: string,
			dept: number,
			roles: Role[],
			phone: string
		) => {
			const u = await newUser(db(), { username, name, departmentId: dept, roles });
			await updateUser(db(), u.id, { phone });
			return u.id;
		};
		const wangfang = await add('wangfang', '王芳', office, ['office'], '13800000001');
		const wangqiang = await add('wangqiang', '王强', section, ['staff'], '13900000002');
		const lilei = await add('lilei', '李雷', section, ['staff', 'dept_head'], '13800000003');
		await updateUser(db(), lilei, { isActive: false });
		const zhaxi = await add('zhaxi', 'Tashi Dorje', section, ['staff'], '');
		const ids = async (f: Record<string, unknown>) => {
			const r = await searchPeople(db(), admin, { page: 1, pageSize: 50, ...f });
			expect(r.total).toBe(r.users.length);
			return r.users.map((u) => u.id).sort((a, b) => a - b);
		};
		expect(await ids({ q: '王' })).toEqual([wangfang, wangqiang]);
		expect(await ids({ q: 'LiLei' })).toEqual([lilei]);
		expect(await ids({ q: 'TASHI' })).toEqual([zhaxi]);
		expect(await ids({ q: '1380000' })).toEqual([wangfang, lilei]);
		expect(await ids({ departmentId: section })).toEqual([wangqiang, lilei, zhaxi]);
		expect(await ids({ role: 'dept_head' })).toEqual([lilei]);
		expect(await ids({ active: false })).toEqual([lilei]);
		expect(await ids({ active: true, departmentId: office })).toEqual([admin.id, wangfang]);

		const pages = [];
		for (const page of [1, 2, 3])
			pages.push(await searchPeople(db(), admin, { page, pageSize: 2 }));
		expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
		expect(pages.map((p) => p.users.length)).toEqual([2, 2, 1]);
		const seen = pages.flatMap((p) => p.users.map((u) => u.id)).sort((a, b) => a - b);
		expect(seen).toEqual([admin.id, wangfang, wangqiang, lilei, zhaxi].sort((a, b) => a - b));
	});

	it('matches % and _ in the search text literally', async () => {
		const { admin } = await setup(db());
		const underscored = await newUser(db(), { username: 'wang_fang', name: '王芳' });
		await newUser(db(), { username: 'wangxfang', name: '王芳芳' });
		const ids = async (q: string) =>
			(await searchPeople(db(), admin, { page: 1, pageSize: 50, q })).users.map((u) => u.id);
		expect(await ids('%')).toEqual([]);
		expect(await ids('_')).toEqual([underscored.id]);
		expect(await ids('g_f')).toEqual([underscored.id]);
	});
});
