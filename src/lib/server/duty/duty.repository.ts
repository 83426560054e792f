import type { Insertable, Selectable } from 'kysely';
import type { DB } from '../db';
import type {
	DutyAssignmentsTable,
	DutyPeriodsTable,
	DutyPeriodStatus,
	DutyRole,
	DutyShiftsTable
} from '../db/schema-duty';

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

/** One slot of the roster with the person in it (if any). */
export interface DutyAssignment {
	id: number;
	periodId: number;
	shiftId: number;
	date: string;
	role: DutyRole;
	position: number;
	userId: number | null;
	userName: string | null;
	userPhone: string | null;
	departmentName: string | null;
	weight: number;
	label: string;
	startsAt: string;
	endsAt: string;
	isLocked: boolean;
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

export async function insertAssignments(
	db: DB,
	rows: Insertable<DutyAssignmentsTable>[]
): Promise<void> {
	// Batches keep SQLite under its bound-parameter limit.
	for (let i = 0; i < rows.length; i += 200) {
		await db
			.insertInto('duty_assignments')
			.values(rows.slice(i, i + 200))
			.execute();
	}
}

function assignmentQuery(db: DB) {
	return db
		.selectFrom('duty_assignments as a')
		.leftJoin('users as u', 'u.id', 'a.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.select([
			'a.id',
			'a.period_id',
			'a.shift_id',
			'a.duty_date',
			'a.role',
			'a.position',
			'a.user_id',
			'u.name as user_name',
			'u.phone as user_phone',
			'd.name as department_name',
			'a.weight',
			'a.label',
			'a.starts_at',
			'a.ends_at',
			'a.is_locked'
		]);
}

type AssignmentRow = Awaited<ReturnType<ReturnType<typeof assignmentQuery>['execute']>>[number];

function toAssignment(r: AssignmentRow): DutyAssignment {
	return {
		id: r.id,
		periodId: r.period_id,
		shiftId: r.shift_id,
		date: r.duty_date,
		role: r.role,
		position: r.position,
		userId: r.user_id,
		userName: r.user_name,
		userPhone: r.user_phone,
		departmentName: r.department_name,
		weight: r.weight,
		label: r.label,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		isLocked: r.is_locked
	};
}

/** A period's roster in date, shift, role (leaders first) and position order. */
export async function listAssignments(db: DB, periodId: number): Promise<DutyAssignment[]> {
	const rows = await assignmentQuery(db)
		.where('a.period_id', '=', periodId)
		.orderBy('a.starts_at')
		.orderBy('a.shift_id')
		.orderBy('a.role')
		.orderBy('a.position')
		.execute();
	return rows.map(toAssignment);
}

export async function findAssignmentById(db: DB, id: number): Promise<DutyAssignment | undefined> {
	const r = await assignmentQuery(db).where('a.id', '=', id).executeTakeFirst();
	return r && toAssignment(r);
}

/** Shifts of one person in published periods, from an instant on, soonest first. */
export async function listUpcomingShiftsOf(
	db: DB,
	userId: number,
	from: string,
	limit: number
): Promise<DutyAssignment[]> {
	const rows = await assignmentQuery(db)
		.innerJoin('duty_periods as p', 'p.id', 'a.period_id')
		.where('p.status', '=', 'published')
		.where('a.user_id', '=', userId)
		.where('a.ends_at', '>', from)
		.orderBy('a.starts_at')
		.limit(limit)
		.execute();
	return rows.map(toAssignment);
}

export async function setAssignmentUser(db: DB, id: number, userId: number | null): Promise<void> {
	await db.updateTable('duty_assignments').set({ user_id: userId }).where('id', '=', id).execute();
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

/** Published duty shifts of these people that overlap [from, to): for meeting conflict warnings. */
export async function findDutyShiftsOverlapping(
	db: DB,
	userIds: number[],
	from: string,
	to: string
): Promise<
	Array<{
		userId: number;
		userName: string;
		periodId: number;
		periodName: string;
		startsAt: string;
		endsAt: string;
	}>
> {
	if (!userIds.length) return [];
	const rows = await db
		.selectFrom('duty_assignments as a')
		.innerJoin('duty_periods as p', 'p.id', 'a.period_id')
		.innerJoin('users as u', 'u.id', 'a.user_id')
		.select([
			'a.user_id',
			'u.name as user_name',
			'p.id as period_id',
			'p.name as period_name',
			'a.starts_at',
			'a.ends_at'
		])
		.where('p.status', '=', 'published')
		.where('a.user_id', 'in', userIds)
		.where('a.starts_at', '<', to)
		.where('a.ends_at', '>', from)
		.orderBy('a.starts_at')
		.execute();
	return rows.map((r) => ({
		userId: r.user_id!,
		userName: r.user_name,
		periodId: r.period_id,
		periodName: r.period_name,
		startsAt: r.starts_at,
		endsAt: r.ends_at
	}));
}
