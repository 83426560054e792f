import type { Insertable, Selectable } from 'kysely';
import type { DB } from '../db';
import type { DutyPeriodsTable, DutyPeriodStatus, DutyShiftsTable } from '../db/schema-duty';

export interface DutyPeriod {
	id: number;
	name: string;
	holidayName: string;
	startDate: string;
	endDate: string;
	status: DutyPeriodStatus;
	phone: string;
	note: string;
	report: string;
	createdBy: number;
	createdAt: string;
	updatedAt: string;
	publishedAt: string | null;
}

export function toPeriod(r: Selectable<DutyPeriodsTable>): DutyPeriod {
	return {
		id: r.id,
		name: r.name,
		holidayName: r.holiday_name,
		startDate: r.start_date,
		endDate: r.end_date,
		status: r.status,
		phone: r.phone,
		note: r.note,
		report: r.report,
		createdBy: r.created_by,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		publishedAt: r.published_at
	};
}

export interface DutyShift {
	id: number;
	periodId: number;
	name: string;
	startTime: string;
	endTime: string;
	isOvernight: boolean;
	leadersNeeded: number;
	officersNeeded: number;
	weight: number;
	sortOrder: number;
}

export function toShift(r: Selectable<DutyShiftsTable>): DutyShift {
	return {
		id: r.id,
		periodId: r.period_id,
		name: r.name,
		startTime: r.start_time,
		endTime: r.end_time,
		isOvernight: r.is_overnight,
		leadersNeeded: r.leaders_needed,
		officersNeeded: r.officers_needed,
		weight: r.weight,
		sortOrder: r.sort_order
	};
}

export async function findPeriodById(db: DB, id: number): Promise<DutyPeriod | undefined> {
	const r = await db.selectFrom('duty_periods').selectAll().where('id', '=', id).executeTakeFirst();
	return r && toPeriod(r);
}

export async function insertPeriod(db: DB, row: Insertable<DutyPeriodsTable>): Promise<number> {
	const r = await db
		.insertInto('duty_periods')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Periods whose dates meet [start, end], except one (the period being edited). */
export async function findOverlappingPeriods(
	db: DB,
	start: string,
	end: string,
	exceptId?: number
): Promise<DutyPeriod[]> {
	let q = db
		.selectFrom('duty_periods')
		.selectAll()
		.where('start_date', '<=', end)
		.where('end_date', '>=', start);
	if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
	return (await q.orderBy('start_date').execute()).map(toPeriod);
}

export async function listPeriodDays(
	db: DB,
	periodId: number
): Promise<Array<{ date: string; weight: number; label: string }>> {
	return db
		.selectFrom('duty_period_days')
		.select(['date', 'weight', 'label'])
		.where('period_id', '=', periodId)
		.orderBy('date')
		.execute();
}

export async function listShifts(db: DB, periodId: number): Promise<DutyShift[]> {
	const rows = await db
		.selectFrom('duty_shifts')
		.selectAll()
		.where('period_id', '=', periodId)
		.orderBy('sort_order')
		.orderBy('start_time')
		.orderBy('id')
		.execute();
	return rows.map(toShift);
}

export async function insertShift(db: DB, row: Insertable<DutyShiftsTable>): Promise<number> {
	const r = await db
		.insertInto('duty_shifts')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Periods newest first, each with its slot count and how many slots `userId` holds. */
export async function findPeriodsWithCounts(
	db: DB,
	userId: number,
	publishedOnly: boolean
): Promise<Array<DutyPeriod & { slots: number; mine: number }>> {
	let q = db
		.selectFrom('duty_periods as p')
		.leftJoin('duty_assignments as a', 'a.period_id', 'p.id')
		.selectAll('p')
		.select((eb) => [
			eb.fn.count<number>('a.id').as('slots'),
			eb.fn.sum<number>(eb.case().when('a.user_id', '=', userId).then(1).else(0).end()).as('mine')
		])
		.groupBy('p.id');
	if (publishedOnly) q = q.where('p.status', '=', 'published');
	const rows = await q.orderBy('p.start_date', 'desc').execute();
	return rows.map(({ slots, mine, ...r }) => ({
		...toPeriod(r),
		report: '',
		slots: Number(slots),
		mine: Number(mine ?? 0)
	}));
}
