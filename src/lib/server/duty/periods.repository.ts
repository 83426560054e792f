import type { DB } from '../db';
import type { Selectable } from 'kysely';
import type { DutyPeriodsTable, DutyPeriodStatus, DutyShiftsTable } from '../db/schema-duty';

// A duty period: its dates, status and details, its days (weights and labels) and its shifts.

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

function toPeriod(r: Selectable<DutyPeriodsTable>): DutyPeriod {
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

export async function findPeriodById(db: DB, id: number): Promise<DutyPeriod | undefined> {
	const r = await db.selectFrom('duty_periods').selectAll().where('id', '=', id).executeTakeFirst();
	return r && toPeriod(r);
}

export async function insertPeriod(
	db: DB,
	p: Pick<
		DutyPeriod,
		'name' | 'holidayName' | 'startDate' | 'endDate' | 'phone' | 'createdBy' | 'createdAt'
	> & { status?: DutyPeriodStatus; publishedAt?: string | null; updatedAt?: string }
): Promise<number> {
	const r = await db
		.insertInto('duty_periods')
		.values({
			name: p.name,
			holiday_name: p.holidayName,
			start_date: p.startDate,
			end_date: p.endDate,
			status: p.status ?? 'draft',
			phone: p.phone,
			created_by: p.createdBy,
			created_at: p.createdAt,
			updated_at: p.updatedAt ?? p.createdAt,
			published_at: p.publishedAt ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function updatePeriod(
	db: DB,
	id: number,
	set: Partial<Pick<DutyPeriod, 'name' | 'phone' | 'note' | 'report' | 'updatedAt'>>
): Promise<void> {
	await db
		.updateTable('duty_periods')
		.set({
			name: set.name,
			phone: set.phone,
			note: set.note,
			report: set.report,
			updated_at: set.updatedAt
		})
		.where('id', '=', id)
		.execute();
}

/** Draft → published, only from a draft: false when someone else published it first. */
export async function publishDraft(db: DB, id: number, at: string): Promise<boolean> {
	const r = await db
		.updateTable('duty_periods')
		.set({ status: 'published', published_at: at, updated_at: at })
		.where('id', '=', id)
		.where('status', '=', 'draft')
		.returning('id')
		.executeTakeFirst();
	return r !== undefined;
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

/** The periods a log search can be filtered by, newest first. */
export async function listPeriodOptions(
	db: DB,
	publishedOnly: boolean
): Promise<Array<{ id: number; name: string }>> {
	let q = db.selectFrom('duty_periods').select(['id', 'name']);
	if (publishedOnly) q = q.where('status', '=', 'published');
	return q.orderBy('start_date', 'desc').orderBy('id', 'desc').execute();
}

// ---- days ----------------------------------------------------------------------------------

export interface DutyDay {
	date: string;
	weight: number;
	label: string;
}

export async function listPeriodDays(db: DB, periodId: number): Promise<DutyDay[]> {
	return db
		.selectFrom('duty_period_days')
		.select(['date', 'weight', 'label'])
		.where('period_id', '=', periodId)
		.orderBy('date')
		.execute();
}

export async function insertPeriodDays(db: DB, periodId: number, days: DutyDay[]): Promise<void> {
	await db
		.insertInto('duty_period_days')
		.values(days.map((d) => ({ period_id: periodId, ...d })))
		.execute();
}

export async function updatePeriodDayRow(db: DB, periodId: number, day: DutyDay): Promise<void> {
	await db
		.updateTable('duty_period_days')
		.set({ weight: day.weight, label: day.label })
		.where('period_id', '=', periodId)
		.where('date', '=', day.date)
		.execute();
}

// ---- shifts --------------------------------------------------------------------------------

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

/** A shift's fields as saved. */
export type ShiftFields = Omit<DutyShift, 'id' | 'periodId'>;

function toShift(r: Selectable<DutyShiftsTable>): DutyShift {
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

const shiftRow = (s: ShiftFields) => ({
	name: s.name,
	start_time: s.startTime,
	end_time: s.endTime,
	is_overnight: s.isOvernight,
	leaders_needed: s.leadersNeeded,
	officers_needed: s.officersNeeded,
	weight: s.weight,
	sort_order: s.sortOrder
});

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

export async function insertShift(db: DB, periodId: number, s: ShiftFields): Promise<number> {
	const r = await db
		.insertInto('duty_shifts')
		.values({ period_id: periodId, ...shiftRow(s) })
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Saves a shift of the period; false when the period has no such shift. */
export async function updateShift(
	db: DB,
	periodId: number,
	id: number,
	s: ShiftFields
): Promise<boolean> {
	const r = await db
		.updateTable('duty_shifts')
		.set(shiftRow(s))
		.where('id', '=', id)
		.where('period_id', '=', periodId)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}

export async function deleteShiftRow(db: DB, id: number): Promise<void> {
	await db.deleteFrom('duty_shifts').where('id', '=', id).execute();
}

export async function deleteShiftsOf(db: DB, periodId: number): Promise<void> {
	await db.deleteFrom('duty_shifts').where('period_id', '=', periodId).execute();
}

/** The period a shift belongs to. */
export async function findShiftPeriodId(db: DB, shiftId: number): Promise<number | undefined> {
	const r = await db
		.selectFrom('duty_shifts')
		.select('period_id')
		.where('id', '=', shiftId)
		.executeTakeFirst();
	return r?.period_id;
}
