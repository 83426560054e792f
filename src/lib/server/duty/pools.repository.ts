import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';

// Who may fill a period's slots: the leader and officer pools, the directory people they are
// drawn from, and the people exempted from a period.

// ---- people and pools ----------------------------------------------------------------------

/** A person as the duty screens show them. */
export interface DutyPerson {
	id: number;
	name: string;
	precedence: number;
	departmentName: string | null;
	phone: string;
}

function dutyPersonQuery(db: DB) {
	return db
		.selectFrom('users as u')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.select(['u.id', 'u.name', 'u.precedence', 'd.name as departmentName', 'u.phone']);
}

export async function listPoolMembers(
	db: DB,
	periodId: number
): Promise<Array<DutyPerson & { role: DutyRole }>> {
	return dutyPersonQuery(db)
		.innerJoin('duty_pool_members as pm', 'pm.user_id', 'u.id')
		.select('pm.role')
		.where('pm.period_id', '=', periodId)
		.orderBy('u.precedence')
		.orderBy('u.id')
		.execute();
}

export async function listPoolUserIds(db: DB, periodId: number, role: DutyRole): Promise<number[]> {
	const rows = await db
		.selectFrom('duty_pool_members')
		.select('user_id')
		.where('period_id', '=', periodId)
		.where('role', '=', role)
		.execute();
	return rows.map((r) => r.user_id);
}

/** Active people holding any of the roles, for filling a pool by role. */
export async function findActiveUserIds(
	db: DB,
	o: { roles?: string[]; departmentId?: number; ids?: number[]; excludeRoles?: string[] }
): Promise<number[]> {
	let q = db.selectFrom('users as u').select('u.id').where('u.is_active', '=', true);
	if (o.roles) {
		const roles = o.roles;
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('user_roles as r')
					.select('r.user_id')
					.whereRef('r.user_id', '=', 'u.id')
					.where('r.role', 'in', roles)
			)
		);
	}
	if (o.excludeRoles) {
		const roles = o.excludeRoles;
		q = q.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('user_roles as r')
						.select('r.user_id')
						.whereRef('r.user_id', '=', 'u.id')
						.where('r.role', 'in', roles)
				)
			)
		);
	}
	if (o.departmentId !== undefined) q = q.where('u.department_id', '=', o.departmentId);
	if (o.ids) q = q.where('u.id', 'in', o.ids.length ? o.ids : [-1]);
	return (await q.orderBy('u.precedence').orderBy('u.id').execute()).map((r) => r.id);
}

export async function insertPoolMembers(
	db: DB,
	periodId: number,
	role: DutyRole,
	userIds: number[]
): Promise<number> {
	if (!userIds.length) return 0;
	const existing = new Set(await listPoolUserIds(db, periodId, role));
	const fresh = userIds.filter((id) => !existing.has(id));
	for (let i = 0; i < fresh.length; i += 300) {
		await db
			.insertInto('duty_pool_members')
			.values(fresh.slice(i, i + 300).map((user_id) => ({ period_id: periodId, role, user_id })))
			.execute();
	}
	return fresh.length;
}

export async function deletePoolMember(
	db: DB,
	periodId: number,
	role: DutyRole,
	userId: number
): Promise<boolean> {
	const r = await db
		.deleteFrom('duty_pool_members')
		.where('period_id', '=', periodId)
		.where('role', '=', role)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

/** Active people for the pickers, by department order and precedence. */
export async function listActivePeople(db: DB): Promise<DutyPerson[]> {
	return dutyPersonQuery(db)
		.where('u.is_active', '=', true)
		.orderBy('d.sort_order')
		.orderBy('u.precedence')
		.orderBy('u.id')
		.execute();
}

/** Someone named in a request, whether or not still active. */
export interface Person {
	id: number;
	name: string;
	departmentName: string | null;
	isActive: boolean;
}

function personQuery(db: DB) {
	return db
		.selectFrom('users as u')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.select(['u.id', 'u.name', 'd.name as department_name', 'u.is_active']);
}

function toPerson(r: {
	id: number;
	name: string;
	department_name: string | null;
	is_active: boolean;
}): Person {
	return { id: r.id, name: r.name, departmentName: r.department_name, isActive: r.is_active };
}

export async function findPeopleByIds(db: DB, ids: number[]): Promise<Person[]> {
	if (!ids.length) return [];
	const rows = await personQuery(db).where('u.id', 'in', ids).orderBy('u.id').execute();
	return rows.map(toPerson);
}

/** Active people holding a role, in precedence order. */
export async function listActivePeopleWithRoles(db: DB, roles: string[]): Promise<Person[]> {
	const rows = await personQuery(db)
		.where('u.is_active', '=', true)
		.where('u.id', 'in', (eb) =>
			eb.selectFrom('user_roles').select('user_id').where('role', 'in', roles)
		)
		.orderBy('u.precedence')
		.orderBy('u.id')
		.execute();
	return rows.map(toPerson);
}

// ---- exemptions ----------------------------------------------------------------------------

/** Who is exempt from a period, with the reason, in precedence order. */
export async function listExemptions(
	db: DB,
	periodId: number
): Promise<Array<DutyPerson & { reason: string }>> {
	return dutyPersonQuery(db)
		.innerJoin('duty_exemptions as e', 'e.user_id', 'u.id')
		.select('e.reason')
		.where('e.period_id', '=', periodId)
		.orderBy('u.precedence')
		.execute();
}

export async function isExempt(db: DB, periodId: number, userId: number): Promise<boolean> {
	const r = await db
		.selectFrom('duty_exemptions')
		.select('user_id')
		.where('period_id', '=', periodId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return r !== undefined;
}

export async function insertExemption(
	db: DB,
	e: { periodId: number; userId: number; reason: string }
): Promise<void> {
	await db
		.insertInto('duty_exemptions')
		.values({ period_id: e.periodId, user_id: e.userId, reason: e.reason })
		.execute();
}

export async function deleteExemption(db: DB, periodId: number, userId: number): Promise<boolean> {
	const r = await db
		.deleteFrom('duty_exemptions')
		.where('period_id', '=', periodId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}
