import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { compiledOnce } from './compiled-once';
import type { DB } from './connect';
import { inTransaction } from './transaction';

/** People of a department with a name after `from`, as a plain select reads them. */
function peopleQuery(db: DB, departmentId: number | null, from: string) {
	return db
		.selectFrom('users as u')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.select(['u.id', 'u.name', 'd.name as department_name', 'u.is_active', 'u.created_at'])
		.where('u.department_id', '=', departmentId as number)
		.where('u.name', '>', from)
		.where('u.username', '<>', 'admin')
		.orderBy('u.name');
}

let builds = 0;
const people = compiledOnce((db, v: { departmentId: number | null; from: string }) => {
	builds++;
	return { query: peopleQuery(db, v.departmentId, v.from), label: '部门人员' };
});

describeEachDialect('a statement compiled once (compiledOnce)', ({ db }) => {
	it('gives each call’s rows as the query built afresh gives them, building it once', async () => {
		const a = await newDepartment(db(), { name: '秘书科' });
		const b = await newDepartment(db(), { name: '财务科' });
		for (const name of ['丙', '甲', '乙']) await newUser(db(), { name, departmentId: a });
		await newUser(db(), { name: '丁', departmentId: b });
		await db().updateTable('users').set({ is_active: false }).where('name', '=', '乙').execute();
		const before = builds;
		for (const [dept, from] of [
			[a, ''],
			[a, '乙'],
			[b, ''],
			[null, '']
		] as const) {
			const { rows, built } = await people(db(), { departmentId: dept, from });
			expect(rows).toEqual(await peopleQuery(db(), dept, from).execute());
			expect(built.label).toBe('部门人员');
		}
		expect((await people(db(), { departmentId: a, from: '' })).rows.map((r) => r.name)).toEqual(
			(await peopleQuery(db(), a, '').execute()).map((r) => r.name)
		);
		expect((await people(db(), { departmentId: a, from: '' })).rows).toHaveLength(3);
		expect((await people(db(), { departmentId: null, from: '' })).rows).toEqual([]);
		// Built at most once for this dialect (once in all, if an earlier test built it).
		expect(builds - before).toBeLessThanOrEqual(1);
		const again = builds;
		await Promise.all([1, 2, 3].map(() => people(db(), { departmentId: b, from: '' })));
		expect(builds).toBe(again);
	});

	it('runs in the transaction it is given', async () => {
		const a = await newDepartment(db(), { name: '秘书科' });
		await inTransaction(db(), async (trx) => {
			await newUser(trx, { name: '戊', departmentId: a });
			expect((await people(trx, { departmentId: a, from: '' })).rows.map((r) => r.name)).toEqual([
				'戊'
			]);
		});
	});

	it('refuses a builder that does not pass a value to the query as it is', async () => {
		const dropped = compiledOnce((db, v: { id: number; name: string }) => ({
			query: db.selectFrom('users').select('id').where('id', '=', v.id)
		}));
		await expect(dropped(db(), { id: 1, name: '甲' })).rejects.toThrow(
			/"name" not in the statement's parameters/
		);
		const computed = compiledOnce((db, v: { id: number }) => ({
			query: db
				.selectFrom('users')
				.select('id')
				.where('id', '=', (v.id as number) + 1)
		}));
		await expect(computed(db(), { id: 1 })).rejects.toThrow(/"id" was used in the builder/);
		const asText = compiledOnce((db, v: { name: string }) => ({
			query: db.selectFrom('users').select('id').where('name', '=', `${v.name}`)
		}));
		await expect(asText(db(), { name: '甲' })).rejects.toThrow(/"name" was used in the builder/);
	});
});
