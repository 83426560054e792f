import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { listDepartments } from './departments.repository';
import { createDepartment, setDepartmentActive, updateDepartment } from './departments.service';

const N = 20;

describeEachDialect('departments, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);
	async function admin() {
		const a = await newUser(ctx.db(), { roles: ['admin'] });
		return { actor: a.actor, wide: openWide() };
	}
	const named = async (name: string) =>
		(await listDepartments(ctx.db())).filter((d) => d.name === name);

	it('creates one department of a name; the others are told it exists', async () => {
		const { actor, wide } = await admin();
		const form = { name: '督查室', parentId: '', kind: 'section' as const, sortOrder: '5' };
		const { ok, errors } = await inParallel(N, () => createDepartment(wide, actor, form));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(new Set(errors.map((e) => (e as Error).message))).toEqual(
			new Set(['同一上级下已有同名部门'])
		);
		expect(await named('督查室')).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'department.create')).toHaveLength(1);
	});

	it('the same sub-department under one parent is created once', async () => {
		const { actor, wide } = await admin();
		const parent = await newDepartment(ctx.db(), { name: '机关党委' });
		const form = {
			name: '党建办',
			parentId: String(parent),
			kind: 'section' as const,
			sortOrder: '1'
		};
		const { ok, errors } = await inParallel(N, () => createDepartment(wide, actor, form));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(await named('党建办')).toHaveLength(1);
	});

	it('an identical rename is audited once; a deactivation once', async () => {
		const { actor, wide } = await admin();
		const id = await newDepartment(ctx.db(), { name: '综合科' });
		const form = { name: '综合处', parentId: '', kind: 'section' as const, sortOrder: '3' };
		const renamed = await inParallel(N, () => updateDepartment(wide, actor, id, form));
		expect(renamed.errors).toEqual([]);
		expect(await auditRows(ctx.db(), 'department.update')).toHaveLength(1);

		const off = await inParallel(N, () => setDepartmentActive(wide, actor, id, false));
		expect(off.errors).toEqual([]);
		expect(await auditRows(ctx.db(), 'department.deactivate')).toHaveLength(1);
	});

	it('two departments moved under each other at once never make a loop', async () => {
		const { actor, wide } = await admin();
		const a = await newDepartment(ctx.db(), { name: '甲科' });
		const b = await newDepartment(ctx.db(), { name: '乙科' });
		const under = (name: string, parent: number) => ({
			name,
			parentId: String(parent),
			kind: 'section' as const,
			sortOrder: '1'
		});
		const { errors } = await inParallel(N, (i) =>
			i % 2
				? updateDepartment(wide, actor, a, under('甲科', b))
				: updateDepartment(wide, actor, b, under('乙科', a))
		);
		expect(onlyUserErrors(errors)).toBe(true);
		const byId = new Map((await listDepartments(ctx.db())).map((d) => [d.id, d.parentId]));
		expect(byId.get(a) === b && byId.get(b) === a).toBe(false);
	});
});
