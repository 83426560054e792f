import type { DB } from '../db';

// The directory as other modules read it (through directory.service.ts): who is active, for
// pickers, and whether every id a plan or form names is active.

/** An active person as the pickers list them, with their department's name. */
export interface DirectoryPerson {
	id: number;
	name: string;
	title: string;
	departmentId: number | null;
	departmentName: string | null;
}

/** Every active person (optionally but one), by department order and precedence. */
export async function findActivePeople(
	db: DB,
	o: { except?: number } = {}
): Promise<DirectoryPerson[]> {
	let q = db
		.selectFrom('users')
		.leftJoin('departments', 'departments.id', 'users.department_id')
		.select([
			'users.id',
			'users.name',
			'users.title',
			'users.department_id',
			'departments.name as department_name'
		])
		.where('users.is_active', '=', true);
	if (o.except != null) q = q.where('users.id', '!=', o.except);
	const rows = await q.orderBy('departments.sort_order').orderBy('users.precedence').execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		title: r.title,
		departmentId: r.department_id,
		departmentName: r.department_name
	}));
}

/** Which of these people or departments exist and are active. */
export async function findActiveIds(
	db: DB,
	table: 'users' | 'departments',
	ids: number[]
): Promise<Set<number>> {
	if (!ids.length) return new Set<number>();
	const rows = await db
		.selectFrom(table)
		.select('id')
		.where('id', 'in', ids)
		.where('is_active', '=', true)
		.execute();
	return new Set(rows.map((r) => r.id));
}
