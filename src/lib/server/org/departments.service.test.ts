import { expect, it } from 'vitest';
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newDepartment, newUser } from '../testing/fixtures';
import type { DepartmentInput } from './departments.schema';
import {
	createDepartment,
	getDepartments,
	setDepartmentActive,
	updateDepartment
} from './departments.service';

// Overrides may be deliberately bad (a test of the refusal), hence the cast.
const input = (o: Record<string, unknown> = {}) =>
	({
		name: '财务科',
		parentId: '',
		kind: 'section',
		sortOrder: 10,
		...o
	}) as DepartmentInput;

async function newAdmin(db: DB) {
	return (await newUser(db, { username: 'admin', name: '管理员', roles: ['admin'] })).actor;
}

/** What a refused call must leave untouched: the departments and the audit log. */
async function snapshot(db: DB) {
	return { departments: await getDepartments(db), audits: await auditCount(db) };
}

describeEachDialect('departments', ({ db }) => {
	it('sets a 分管领导, who must be an active leader', async () => {
		const admin = await newAdmin(db());
		const leader = await newUser(db(), { name: '钱局长', roles: ['leader'] });
		const staff = await newUser(db(), { name: '李明' });
		const id = await createDepartment(db(), admin, input({ leaderId: String(leader.id) }));
		expect((await getDepartments(db()))[0].leaderId).toBe(leader.id);
		await expect(
			updateDepartment(db(), admin, id, input({ leaderId: String(staff.id) }))
		).rejects.toMatchObject({ fields: { leaderId: '分管领导须为在用的局领导账号' } });
		await updateDepartment(db(), admin, id, input({ leaderId: '' }));
		expect((await getDepartments(db()))[0].leaderId).toBeNull();
		const [, update] = await auditRows(db());
		expect(update.changes).toEqual({ leaderId: [leader.id, null] });
	});

	it('lets the admin create a department, audited once', async () => {
		const admin = await newAdmin(db());
		const id = await createDepartment(db(), admin, input({ name: ' 财务科 ' }));
		expect(await getDepartments(db())).toEqual([
			{
				id,
				name: '财务科',
				parentId: null,
				kind: 'section',
				sortOrder: 10,
				isActive: true,
				memberCount: 0,
				leaderId: null
			}
		]);
		const audits = await auditRows(db());
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			actorId: admin.id,
			actorName: '管理员',
			action: 'department.create',
			entity: 'department',
			entityId: String(id),
			changes: { name: '财务科', parentId: null, kind: 'section', sortOrder: 10 }
		});
	});

	it('lets the admin rename and move a department under a parent, auditing the diff', async () => {
		const admin = await newAdmin(db());
		const parent = await newDepartment(db(), { name: '机关党委', kind: 'office' });
		const id = await newDepartment(db(), { name: '财务科', sortOrder: 5 });
		await updateDepartment(
			db(),
			admin,
			id,
			input({ name: '计划财务科', parentId: String(parent), sortOrder: 5 })
		);
		const moved = (await getDepartments(db())).find((d) => d.id === id);
		expect(moved).toMatchObject({ name: '计划财务科', parentId: parent, sortOrder: 5 });
		const audits = await auditRows(db());
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			actorId: admin.id,
			action: 'department.update',
			entityId: String(id),
			changes: { name: ['财务科', '计划财务科'], parentId: [null, parent] }
		});
		expect(Object.keys(audits[0].changes).sort()).toEqual(['name', 'parentId']);
	});

	it('lets the admin deactivate an empty department, audited once', async () => {
		const admin = await newAdmin(db());
		const id = await newDepartment(db(), { name: '档案室' });
		// An inactive person does not keep a department open.
		await newUser(db(), { departmentId: id, isActive: false });
		await setDepartmentActive(db(), admin, id, false);
		expect((await getDepartments(db())).find((d) => d.id === id)?.isActive).toBe(false);
		const audits = await auditRows(db());
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			actorId: admin.id,
			action: 'department.deactivate',
			entity: 'department',
			entityId: String(id)
		});
	});

	it('refuses a duplicate name under the same parent on the name field', async () => {
		const admin = await newAdmin(db());
		const parent = await newDepartment(db(), { name: '直属单位' });
		await newDepartment(db(), { name: '信息中心', parentId: parent });
		const other = await newDepartment(db(), { name: '后勤中心', parentId: parent });
		const before = await snapshot(db());

		const dup = input({ name: '信息中心', parentId: parent });
		const created = await createDepartment(db(), admin, dup).catch((e) => e);
		expect(created).toBeInstanceOf(ValidationError);
		expect(created.fields).toEqual({ name: '同一上级下已有同名部门' });
		await expect(updateDepartment(db(), admin, other, dup)).rejects.toMatchObject({
			fields: { name: '同一上级下已有同名部门' }
		});
		expect(await snapshot(db())).toEqual(before);

		// The same name under another parent is fine.
		await createDepartment(db(), admin, input({ name: '信息中心' }));
		expect(await auditCount(db())).toBe(before.audits + 1);
	});

	it('refuses a blank name, an unknown kind and an unknown parent on their fields', async () => {
		const admin = await newAdmin(db());
		const before = await snapshot(db());
		await expect(createDepartment(db(), admin, input({ name: '  ' }))).rejects.toMatchObject({
			fields: { name: '此项必填' }
		});
		await expect(createDepartment(db(), admin, input({ kind: 'bureau' }))).rejects.toMatchObject({
			fields: { kind: '请选择一项' }
		});
		await expect(createDepartment(db(), admin, input({ parentId: 9999 }))).rejects.toMatchObject({
			fields: { parentId: '部门不存在或已停用' }
		});
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses to make a department its own ancestor', async () => {
		const admin = await newAdmin(db());
		const top = await newDepartment(db(), { name: '综合处' });
		const mid = await newDepartment(db(), { name: '秘书科', parentId: top });
		const leaf = await newDepartment(db(), { name: '机要室', parentId: mid });
		const before = await snapshot(db());
		const cycle = { fields: { parentId: '上级部门不能是本部门或其下级部门' } };
		await expect(
			updateDepartment(db(), admin, top, input({ name: '综合处', parentId: top }))
		).rejects.toMatchObject(cycle);
		await expect(
			updateDepartment(db(), admin, top, input({ name: '综合处', parentId: leaf }))
		).rejects.toMatchObject(cycle);
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses to deactivate a department that still has active members', async () => {
		const admin = await newAdmin(db());
		const id = await newDepartment(db(), { name: '人事科' });
		await newUser(db(), { departmentId: id });
		const before = await snapshot(db());
		const e = await setDepartmentActive(db(), admin, id, false).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect(e.fields).toEqual({ _: '该部门还有 1 名在岗人员，请先调整人员所在部门' });
		expect(await snapshot(db())).toEqual(before);
	});

	it('treats an unknown id as not found', async () => {
		const admin = await newAdmin(db());
		const before = await snapshot(db());
		await expect(updateDepartment(db(), admin, 9999, input())).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(setDepartmentActive(db(), admin, 9999, false)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses staff, the office and the auditor, changing nothing', async () => {
		const id = await newDepartment(db(), { name: '办公室' });
		const roles: Role[] = ['staff', 'office', 'auditor'];
		for (const role of roles) {
			const { actor } = await newUser(db(), { roles: [role] });
			const before = await snapshot(db());
			await expect(createDepartment(db(), actor, input())).rejects.toBeInstanceOf(ForbiddenError);
			await expect(updateDepartment(db(), actor, id, input())).rejects.toBeInstanceOf(
				ForbiddenError
			);
			await expect(setDepartmentActive(db(), actor, id, false)).rejects.toBeInstanceOf(
				ForbiddenError
			);
			expect(await snapshot(db())).toEqual(before);
		}
		expect(await auditCount(db())).toBe(0);
	});
});
