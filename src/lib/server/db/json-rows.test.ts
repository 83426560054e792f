import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import type { DB } from './connect';
import { nestedRead, readTogether } from './json-rows';

/** People of a department as a plain select reads them: names, an instant, a boolean, a null. */
function peopleRead(db: DB, departmentId: number, order: 'asc' | 'desc') {
	return nestedRead(
		db
			.selectFrom('users as u')
			.leftJoin('departments as d', 'd.id', 'u.department_id')
			.select([
				'u.id',
				'u.name',
				'd.name as department_name',
				'u.is_active',
				'u.created_at',
				'u.password_changed_at'
			])
			.where('u.department_id', '=', departmentId)
			.orderBy('u.name', order)
			.orderBy('u.id', order),
		['created_at', 'password_changed_at']
	);
}

describeEachDialect('several reads in one statement (readTogether)', ({ db }) => {
	it('gives each read’s rows as the read alone gives them, in its order', async () => {
		const a = await newDepartment(db(), { name: '秘书科' });
		const b = await newDepartment(db(), { name: '空科' });
		// Inserted out of the reads' order; one inactive, one with a quote and a tab in the name.
		for (const name of ['丙', '甲"\t', '乙']) await newUser(db(), { name, departmentId: a });
		await db()
			.updateTable('users')
			.set({ is_active: false, created_at: '2026-01-02T03:04:05.678Z' })
			.where('name', '=', '乙')
			.execute();
		const together = await readTogether(db(), {
			up: peopleRead(db(), a, 'asc'),
			down: peopleRead(db(), a, 'desc'),
			none: peopleRead(db(), b, 'asc')
		});
		expect(together.up).toEqual(await peopleRead(db(), a, 'asc').query.execute());
		expect(together.down).toEqual(await peopleRead(db(), a, 'desc').query.execute());
		expect(together.down.map((r) => r.name)).toEqual([...together.up.map((r) => r.name)].reverse());
		expect(together.none).toEqual([]);
		const yi = together.up.find((r) => r.name === '乙')!;
		expect(yi).toMatchObject({
			department_name: '秘书科',
			is_active: false,
			created_at: '2026-01-02T03:04:05.678Z',
			password_changed_at: null
		});
	});

	it('refuses a read that does not name its columns', async () => {
		await expect(
			readTogether(db(), { all: nestedRead(db().selectFrom('users').selectAll()) })
		).rejects.toThrow(/name every column/);
	});
});
