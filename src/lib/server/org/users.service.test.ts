import { expect, it } from 'vitest';
import { checkPassword } from '$lib/domain/password-policy';
import { login } from '../auth/auth.service';
import { validateSessionToken } from '../auth/session';
import { NotFoundError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { FIXTURE_PASSWORD, newDepartment, newUser } from '../testing/fixtures';
import { updateDepartmentRow } from './departments.repository';
import { updateUser } from './users.repository';
import {
	createPerson,
	getPerson,
	resetPassword,
	setPersonActive,
	unlockPerson,
	updatePerson
} from './users.service';
import { ctx, limits, GENERIC, setup, person, snapshot } from './users.test-helpers';

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
		await updateUser(db(), u.id, { precedence: 20 });
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
