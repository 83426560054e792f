import { expect, it } from 'vitest';
import { checkPassword } from '$lib/domain/password-policy';
import type { Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { login } from '../auth/auth.service';
import { validateSessionToken } from '../auth/session';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, FIXTURE_PASSWORD, newDepartment, newUser } from '../testing/fixtures';
import { updateDepartmentRow } from './departments.repository';
import { findUserById, updateUserRow } from './users.repository';
import {
	createPerson,
	getPerson,
	resetPassword,
	searchPeople,
	setPersonActive,
	unlockPerson,
	updatePerson
} from './users.service';

const ctx = { ip: '10.0.0.1', userAgent: 'vitest' };
const limits = { idleMinutes: 120, absoluteHours: 12 };
const GENERIC = '用户名或密码错误';

async function setup(db: DB) {
	const office = await newDepartment(db, { name: '办公室' });
	const admin = await newUser(db, {
		username: 'admin1',
		name: '管理员',
		roles: ['admin'],
		departmentId: office
	});
	return { office, admin: admin.actor };
}

function person(departmentId: number, o: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		username: 'wangfang',
		name: '王芳',
		departmentId,
		title: '科员',
		precedence: 20,
		phone: '13800000001',
		email: 'wangfang@example.gov.cn',
		workStartDate: '2010-07-01',
		roles: ['staff'],
		...o
	};
}

/** Everything a refused call must leave alone. */
async function snapshot(db: DB) {
	const users = await db.selectFrom('users').selectAll().orderBy('id').execute();
	const roles = await db
		.selectFrom('user_roles')
		.selectAll()
		.orderBy('user_id')
		.orderBy('role')
		.execute();
	const sessions = await db.selectFrom('sessions').select('id').orderBy('id').execute();
	return { users, roles, sessions, audits: await auditCount(db) };
}

async function lockOut(db: DB, username: string) {
	for (let i = 0; i < 5; i++) {
		await login(db, { username, password: 'Wrong-pass-1' }, ctx).catch(() => undefined);
	}
	await expect(login(db, { username, password: FIXTURE_PASSWORD }, ctx)).rejects.toThrow(/已锁定/);
}

describeEachDialect('people: create', ({ db }) => {
	it('creates a person with the given password, who must change it at first login', async () => {
		const { office, admin } = await setup(db());
		const r = await createPerson(db(), admin, { ...person(office), password: 'Start-Pass-26' });
		expect(r.temporaryPassword).toBeNull();
		expect(await getPerson(db(), admin, r.id)).toMatchObject({
			username: 'wangfang',
			name: '王芳',
			departmentId: office,
			departmentName: '办公室',
			phone: '13800000001',
			workStartDate: '2010-07-01',
			isActive: true,
			isPasswordChangeRequired: true,
			roles: ['staff']
		});
		const signedIn = await login(db(), { username: 'wangfang', password: 'Start-Pass-26' }, ctx);
		expect(signedIn).toMatchObject({ userId: r.id, mustChangePassword: true });

		const [created] = await auditRows(db(), 'user.create');
		expect(created).toMatchObject({ actorId: admin.id, entity: 'user', entityId: String(r.id) });
		expect(created.changes).toMatchObject({ username: 'wangfang', roles: 'staff' });
		expect(JSON.stringify(created.changes)).not.toContain('Start-Pass-26');
	});

	it('generates a policy-compliant temporary password that signs in', async () => {
		const { office, admin } = await setup(db());
		const r = await createPerson(db(), admin, { ...person(office), password: '' });
		expect(r.temporaryPassword).toEqual(expect.any(String));
		expect(checkPassword(r.temporaryPassword!, 'wangfang')).toBeNull();
		const signedIn = await login(
			db(),
			{ username: 'wangfang', password: r.temporaryPassword! },
			ctx
		);
		expect(signedIn).toMatchObject({ userId: r.id, mustChangePassword: true });
	});

	it('refuses a username that differs only in case, writing nothing', async () => {
		const { office, admin } = await setup(db());
		await newUser(db(), { username: 'WangFang', departmentId: office });
		const before = await snapshot(db());
		const e = await createPerson(db(), admin, person(office)).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect(e.fields).toEqual({ username: '用户名已被使用' });
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses weak passwords on the password field, writing nothing', async () => {
		const { office, admin } = await setup(db());
		const before = await snapshot(db());
		const cases: [string, string][] = [
			['Ab1!', '密码至少 8 位'],
			['abcdefgh1', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
			['Wangfang-2026', '密码不能包含用户名']
		];
		for (const [password, message] of cases) {
			await expect(
				createPerson(db(), admin, { ...person(office), password })
			).rejects.toMatchObject({ fields: { password: message } });
		}
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses an unknown or inactive department', async () => {
		const { admin } = await setup(db());
		const closed = await newDepartment(db(), { name: '已撤销科' });
		await updateDepartmentRow(db(), closed, { isActive: false });
		const before = await snapshot(db());
		for (const departmentId of [9999, closed]) {
			await expect(createPerson(db(), admin, person(departmentId))).rejects.toMatchObject({
				fields: { departmentId: '部门不存在或已停用' }
			});
		}
		expect(await snapshot(db())).toEqual(before);
	});

	it('keeps the security auditor free of other roles (三员分立)', async () => {
		const { office, admin } = await setup(db());
		const before = await snapshot(db());
		await expect(
			createPerson(db(), admin, person(office, { roles: ['auditor', 'admin'] }))
		).rejects.toMatchObject({ fields: { roles: '安全审计员不能兼任其他角色（三员分立）' } });
		expect(await snapshot(db())).toEqual(before);
		const r = await createPerson(db(), admin, person(office, { roles: ['auditor'] }));
		expect((await getPerson(db(), admin, r.id)).roles).toEqual(['auditor']);
	});
});

describeEachDialect('people: update and deactivate', ({ db }) => {
	it('updates fields and roles and audits only what changed', async () => {
		const { office, admin } = await setup(db());
		const section = await newDepartment(db(), { name: '综合科' });
		const u = await newUser(db(), {
			username: 'wangfang',
			name: '王芳',
			departmentId: office,
			email: ''
		});
		await updateUserRow(db(), u.id, { precedence: 20 });
		await updatePerson(
			db(),
			admin,
			u.id,
			person(section, {
				title: '副科长',
				phone: '',
				email: '',
				workStartDate: '',
				roles: ['staff', 'dept_head']
			})
		);
		expect(await getPerson(db(), admin, u.id)).toMatchObject({
			departmentId: section,
			departmentName: '综合科',
			title: '副科长',
			roles: expect.arrayContaining(['staff', 'dept_head'])
		});
		const audits = await auditRows(db());
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			actorId: admin.id,
			action: 'user.update',
			entity: 'user',
			entityId: String(u.id)
		});
		expect(audits[0].changes).toEqual({
			departmentId: [office, section],
			title: ['', '副科长'],
			roles: ['staff', 'staff,dept_head']
		});
	});

	it('does not let an admin drop their own admin role or deactivate themselves', async () => {
		const { office, admin } = await setup(db());
		const before = await snapshot(db());
		const self = person(office, { username: 'admin1', name: '管理员', roles: ['office'] });
		await expect(updatePerson(db(), admin, admin.id, self)).rejects.toMatchObject({
			fields: { roles: '不能取消自己的系统管理员角色' }
		});
		await expect(setPersonActive(db(), admin, admin.id, false)).rejects.toMatchObject({
			fields: { _: '不能停用自己的账号' }
		});
		expect(await snapshot(db())).toEqual(before);
	});

	it('ends the sessions of a deactivated person, who then cannot sign in', async () => {
		const { office, admin } = await setup(db());
		const u = await newUser(db(), { username: 'lisi', departmentId: office });
		const { token } = await login(db(), { username: 'lisi', password: FIXTURE_PASSWORD }, ctx);
		await setPersonActive(db(), admin, u.id, false);
		expect(await validateSessionToken(db(), token, limits)).toBeNull();
		await expect(
			login(db(), { username: 'lisi', password: FIXTURE_PASSWORD }, ctx)
		).rejects.toThrow(GENERIC);
		expect((await auditRows(db(), 'user.deactivate'))[0]).toMatchObject({
			actorId: admin.id,
			entityId: String(u.id)
		});
	});

	it('treats an unknown person as not found', async () => {
		const { office, admin } = await setup(db());
		const before = await snapshot(db());
		await expect(updatePerson(db(), admin, 9999, person(office))).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(setPersonActive(db(), admin, 9999, false)).rejects.toBeInstanceOf(NotFoundError);
		await expect(resetPassword(db(), admin, 9999)).rejects.toBeInstanceOf(NotFoundError);
		await expect(unlockPerson(db(), admin, 9999)).rejects.toBeInstanceOf(NotFoundError);
		await expect(getPerson(db(), admin, 9999)).rejects.toBeInstanceOf(NotFoundError);
		expect(await snapshot(db())).toEqual(before);
	});
});

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
			await updateUserRow(db(), u.id, { phone });
			return u.id;
		};
		const wangfang = await add('wangfang', '王芳', office, ['office'], '13800000001');
		const wangqiang = await add('wangqiang', '王强', section, ['staff'], '13900000002');
		const lilei = await add('lilei', '李雷', section, ['staff', 'dept_head'], '13800000003');
		await updateUserRow(db(), lilei, { is_active: false });
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
});
