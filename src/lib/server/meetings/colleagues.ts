import type { DB } from '../db';

/** People one may name as a deputy: active colleagues, own department first. */
export async function findColleagues(db: DB, userId: number) {
	const me = await db
		.selectFrom('users')
		.select('department_id')
		.where('id', '=', userId)
		.executeTakeFirst();
	const rows = await db
		.selectFrom('users')
		.leftJoin('departments', 'departments.id', 'users.department_id')
		.select([
			'users.id',
			'users.name',
			'users.title',
			'users.department_id',
			'departments.name as department_name'
		])
		.where('users.is_active', '=', true)
		.where('users.id', '!=', userId)
		.orderBy('departments.sort_order')
		.orderBy('users.precedence')
		.execute();
	const own = rows.filter((r) => r.department_id === me?.department_id);
	const others = rows.filter((r) => r.department_id !== me?.department_id);
	return [...own, ...others].map((r) => ({
		id: r.id,
		name: r.name,
		title: r.title,
		department: r.department_name
	}));
}
