import { sql } from 'kysely';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';

/** A person as the duty screens show them. */
export interface DutyPerson {
	id: number;
	name: string;
	precedence: number;
	departmentName: string | null;
	phone: string;
}

function personQuery(db: DB) {
	return db
		.selectFrom('users as u')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.select(['u.id', 'u.name', 'u.precedence', 'd.name as departmentName', 'u.phone']);
}

export async function listPoolMembers(
	db: DB,
	periodId: number
): Promise<Array<DutyPerson & { role: DutyRole }>> {
	return personQuery(db)
		.innerJoin('duty_pool_members as pm', 'pm.user_id', 'u.id')
		.select('pm.role')
		.where('pm.period_id', '=', periodId)
		.orderBy('u.precedence')
		.orderBy('u.id')
		.execute();
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
	const existing = new Set(
		(
			await db
				.selectFrom('duty_pool_members')
				.select('user_id')
				.where('period_id', '=', periodId)
				.where('role', '=', role)
				.execute()
		).map((r) => r.user_id)
	);
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

export async function listExemptions(
	db: DB,
	periodId: number
): Promise<Array<DutyPerson & { reason: string }>> {
	return personQuery(db)
		.innerJoin('duty_exemptions as e', 'e.user_id', 'u.id')
		.select('e.reason')
		.where('e.period_id', '=', periodId)
		.orderBy('u.precedence')
		.execute();
}

export interface UnavailabilityRow {
	id: number;
	userId: number;
	userName: string;
	departmentName: string | null;
	startDate: string;
	endDate: string;
	reason: string;
	source: string;
}

/** Unavailability that meets [start, end] (all of it when no range is given). */
export async function listUnavailability(
	db: DB,
	range?: { start: string; end: string }
): Promise<UnavailabilityRow[]> {
	let q = db
		.selectFrom('duty_unavailability as a')
		.innerJoin('users as u', 'u.id', 'a.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.select([
			'a.id',
			'a.user_id as userId',
			'u.name as userName',
			'd.name as departmentName',
			'a.start_date as startDate',
			'a.end_date as endDate',
			'a.reason',
			'a.source'
		]);
	if (range) q = q.where('a.start_date', '<=', range.end).where('a.end_date', '>=', range.start);
	return q.orderBy('a.start_date', 'desc').orderBy('a.id', 'desc').execute();
}

export interface LedgerRow {
	userId: number;
	load: number;
	shifts: number;
	lastServed: string | null;
}

/**
 * The fairness ledger from every published period but one: weighted load, shifts and the last
 * duty date per person, and how often each had each special day (除夕, 初一).
 */
export async function loadLedger(
	db: DB,
	exceptPeriodId: number
): Promise<{ rows: LedgerRow[]; labels: Array<{ userId: number; label: string; n: number }> }> {
	const base = db
		.selectFrom('duty_assignments as a')
		.innerJoin('duty_periods as p', 'p.id', 'a.period_id')
		.where('p.status', '=', 'published')
		.where('a.period_id', '!=', exceptPeriodId)
		.where('a.user_id', 'is not', null);
	const rows = await base
		.select((eb) => [
			sql<number>`a.user_id`.as('userId'),
			eb.fn.sum<number>('a.weight').as('load'),
			eb.fn.countAll<number>().as('shifts'),
			eb.fn.max('a.duty_date').as('lastServed')
		])
		.groupBy('a.user_id')
		.execute();
	const labels = await base
		.where('a.label', '!=', '')
		.select((eb) => [
			sql<number>`a.user_id`.as('userId'),
			'a.label',
			eb.fn.countAll<number>().as('n')
		])
		.groupBy(['a.user_id', 'a.label'])
		.execute();
	return {
		rows: rows.map((r) => ({
			userId: Number(r.userId),
			load: Number(r.load),
			shifts: Number(r.shifts),
			lastServed: r.lastServed === null ? null : String(r.lastServed)
		})),
		labels: labels.map((l) => ({ userId: Number(l.userId), label: l.label, n: Number(l.n) }))
	};
}

/** Active people for the pickers, by department order and precedence. */
export async function listActivePeople(db: DB): Promise<DutyPerson[]> {
	return personQuery(db)
		.where('u.is_active', '=', true)
		.orderBy('d.sort_order')
		.orderBy('u.precedence')
		.orderBy('u.id')
		.execute();
}
