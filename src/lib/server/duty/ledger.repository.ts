import { sql } from 'kysely';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';

// The fairness ledger: weighted duty carried across periods and years, and the fairness report.

// ---- the fairness ledger -------------------------------------------------------------------

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

/** Someone in a pool of the period, or holding one of its slots in that role. */
export interface FairnessPersonRecord {
	userId: number;
	role: DutyRole;
	name: string;
	department: string;
	precedence: number;
	inPool: boolean;
	exempt: boolean;
}

export interface LoadTotals {
	userId: number;
	periodShifts: number;
	periodLoad: number;
	yearShifts: number;
	yearLoad: number;
	allShifts: number;
	allLoad: number;
}

/** Pool members of a period, and everyone holding a slot of it in a role whose pool lacks them. */
export async function listFairnessPeople(
	db: DB,
	periodId: number
): Promise<FairnessPersonRecord[]> {
	const members = db
		.selectFrom('duty_pool_members')
		.select(['user_id', 'role'])
		.where('period_id', '=', periodId);
	const holders = db
		.selectFrom('duty_assignments')
		.select(['user_id', 'role'])
		.where('period_id', '=', periodId)
		.where('user_id', 'is not', null)
		.$narrowType<{ user_id: number }>();
	const rows = await db
		.selectFrom(members.union(holders).as('x'))
		.innerJoin('users as u', 'u.id', 'x.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.leftJoin('duty_pool_members as pm', (j) =>
			j
				.onRef('pm.user_id', '=', 'x.user_id')
				.onRef('pm.role', '=', 'x.role')
				.on('pm.period_id', '=', periodId)
		)
		.leftJoin('duty_exemptions as ex', (j) =>
			j.onRef('ex.user_id', '=', 'x.user_id').on('ex.period_id', '=', periodId)
		)
		.select([
			'u.id',
			'x.role',
			'u.name',
			'd.name as department',
			'u.precedence',
			'pm.user_id as pool_user',
			'ex.user_id as exempt_user'
		])
		.orderBy('u.precedence')
		.orderBy('u.id')
		.execute();
	return rows.map((r) => ({
		userId: r.id,
		role: r.role,
		name: r.name,
		department: r.department ?? '',
		precedence: r.precedence,
		inPool: r.pool_user !== null,
		exempt: r.exempt_user !== null
	}));
}

/**
 * The ledger a report counts: slots in published periods and in the period itself (a draft
 * counts only while it is the one being looked at), held by people of that period.
 */
function countedSlots(db: DB, periodId: number) {
	const people = db
		.selectFrom('duty_pool_members')
		.select('user_id')
		.where('period_id', '=', periodId)
		.union(
			db
				.selectFrom('duty_assignments')
				.select('user_id')
				.where('period_id', '=', periodId)
				.where('user_id', 'is not', null)
				.$narrowType<{ user_id: number }>()
		);
	return db
		.selectFrom('duty_assignments as a')
		.innerJoin('duty_periods as p', 'p.id', 'a.period_id')
		.where('a.user_id', 'in', people)
		.where((eb) => eb.or([eb('p.status', '=', 'published'), eb('p.id', '=', periodId)]));
}

/** Shifts and weighted load per person: this period, the periods of duty year `year`, all time. */
export async function sumLoads(db: DB, periodId: number, year: number): Promise<LoadTotals[]> {
	const rows = await countedSlots(db, periodId)
		.select((eb) => {
			const inPeriod = eb('a.period_id', '=', periodId);
			// dutyYear ($lib/domain/duty-fairness) in SQL: a holiday break counts in the year it ends in.
			const yearDate = eb
				.case()
				.when('p.holiday_name', '!=', '')
				.then(eb.ref('p.end_date'))
				.else(eb.ref('p.start_date'))
				.end();
			const inYear = eb.and([
				eb(yearDate, '>=', `${year}-01-01`),
				eb(yearDate, '<=', `${year}-12-31`)
			]);
			const count = (when: typeof inPeriod) =>
				eb.fn.sum<number>(eb.case().when(when).then(1).else(0).end());
			const load = (when: typeof inPeriod) =>
				eb.fn.sum<number>(eb.case().when(when).then(eb.ref('a.weight')).else(0).end());
			return [
				'a.user_id',
				count(inPeriod).as('period_shifts'),
				load(inPeriod).as('period_load'),
				count(inYear).as('year_shifts'),
				load(inYear).as('year_load'),
				eb.fn.countAll<number>().as('all_shifts'),
				eb.fn.sum<number>('a.weight').as('all_load')
			];
		})
		.groupBy('a.user_id')
		.execute();
	return rows.map((r) => ({
		userId: r.user_id as number,
		periodShifts: Number(r.period_shifts),
		periodLoad: Number(r.period_load),
		yearShifts: Number(r.year_shifts),
		yearLoad: Number(r.year_load),
		allShifts: Number(r.all_shifts),
		allLoad: Number(r.all_load)
	}));
}

/** All-time shifts per person and holiday name ('' for a period without one). */
export async function countHolidayShifts(
	db: DB,
	periodId: number
): Promise<Array<{ userId: number; holiday: string; shifts: number; firstDate: string }>> {
	const rows = await countedSlots(db, periodId)
		.select((eb) => [
			'a.user_id',
			'p.holiday_name',
			eb.fn.countAll<number>().as('shifts'),
			eb.fn.min('p.start_date').as('first_date')
		])
		.groupBy(['a.user_id', 'p.holiday_name'])
		.execute();
	return rows.map((r) => ({
		userId: r.user_id as number,
		holiday: r.holiday_name,
		shifts: Number(r.shifts),
		firstDate: String(r.first_date)
	}));
}
