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
	o: { except?: number; departmentId?: number } = {}
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
	if (o.departmentId != null) q = q.where('users.department_id', '=', o.departmentId);
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

/** Someone to tell: the name and e-mail of an active person. */
export interface Contact {
	id: number;
	name: string;
	email: string;
	departmentId: number | null;
}

/**
 * Active people to tell about something: these people, the department heads (dept_head) of
 * these departments, and the holders of these roles — each once.
 */
export async function findContacts(
	db: DB,
	who: { userIds?: number[]; headsOf?: number[]; roles?: string[] }
): Promise<Contact[]> {
	const userIds = who.userIds ?? [];
	const headsOf = who.headsOf ?? [];
	const roles = who.roles ?? [];
	if (!userIds.length && !headsOf.length && !roles.length) return [];
	const rows = await db
		.selectFrom('users as u')
		.select(['u.id', 'u.name', 'u.email', 'u.department_id'])
		.where('u.is_active', '=', true)
		.where((eb) =>
			eb.or([
				...(userIds.length ? [eb('u.id', 'in', userIds)] : []),
				...(headsOf.length
					? [
							eb.and([
								eb('u.department_id', 'in', headsOf),
								eb.exists(
									eb
										.selectFrom('user_roles as r')
										.select('r.user_id')
										.whereRef('r.user_id', '=', 'u.id')
										.where('r.role', '=', 'dept_head')
								)
							])
						]
					: []),
				...(roles.length
					? [
							eb.exists(
								eb
									.selectFrom('user_roles as r2')
									.select('r2.user_id')
									.whereRef('r2.user_id', '=', 'u.id')
									.where('r2.role', 'in', roles)
							)
						]
					: [])
			])
		)
		.orderBy('u.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		name: r.name,
		email: r.email,
		departmentId: r.department_id
	}));
}
