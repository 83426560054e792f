import type { NewSlot } from '$lib/domain/duty-slots';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';

// The roster of a period: its slots (assignments), and the shifts people hold for the calendars.
// What fills the slots lives beside it: pools.repository (pools, people, exemptions),
// availability.repository (unavailability), ledger.repository (the fairness ledger).

// ---- slots ---------------------------------------------------------------------------------

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

/** Writes a generated roster's slots with the people chosen for them. */
export async function insertAssignments(
	db: DB,
	periodId: number,
	slots: Array<NewSlot & { userId: number | null }>
): Promise<void> {
	const rows = slots.map((s) => ({
		period_id: periodId,
		shift_id: s.shiftId,
		duty_date: s.date,
		role: s.role,
		position: s.position,
		weight: s.weight,
		label: s.label,
		starts_at: s.startsAt,
		ends_at: s.endsAt,
		is_locked: s.isLocked,
		user_id: s.userId
	}));
	// Batches keep SQLite under its bound-parameter limit.
	for (let i = 0; i < rows.length; i += 200) {
		await db
			.insertInto('duty_assignments')
			.values(rows.slice(i, i + 200))
			.execute();
	}
}

/** Removes every slot of a period (a draft's roster before it is generated again). */
export async function deleteAssignments(db: DB, periodId: number): Promise<void> {
	await db.deleteFrom('duty_assignments').where('period_id', '=', periodId).execute();
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

/**
 * Slots of these people in other periods that overlap or touch [from, to]: a period's first
 * and last shifts can meet a neighbouring period's, so a person's back-to-back check looks there.
 */
export async function listShiftsOfPeopleAround(
	db: DB,
	userIds: number[],
	exceptPeriodId: number,
	from: string,
	to: string
): Promise<DutyAssignment[]> {
	if (!userIds.length) return [];
	const rows = await assignmentQuery(db)
		.where('a.user_id', 'in', userIds)
		.where('a.period_id', '!=', exceptPeriodId)
		.where('a.starts_at', '<=', to)
		.where('a.ends_at', '>=', from)
		.orderBy('a.starts_at')
		.execute();
	return rows.map(toAssignment);
}

/** Puts a person in a slot (or empties it); `locked` marks a slot set by hand. */
export async function setAssignmentUser(
	db: DB,
	id: number,
	userId: number | null,
	locked?: boolean
): Promise<void> {
	await db
		.updateTable('duty_assignments')
		.set(locked === undefined ? { user_id: userId } : { user_id: userId, is_locked: locked })
		.where('id', '=', id)
		.execute();
}

/** Whether anybody holds a slot of the period. */
export async function hasFilledSlots(db: DB, periodId: number): Promise<boolean> {
	const r = await db
		.selectFrom('duty_assignments')
		.select('id')
		.where('period_id', '=', periodId)
		.where('user_id', 'is not', null)
		.limit(1)
		.executeTakeFirst();
	return r !== undefined;
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

/** The days (duty_date) a person holds a slot on published rosters within [startDate, endDate]. */
export async function findPublishedDutyDaysOf(
	db: DB,
	userId: number,
	startDate: string,
	endDate: string
): Promise<{ periodId: number; periodName: string; date: string }[]> {
	return db
		.selectFrom('duty_assignments as a')
		.innerJoin('duty_periods as p', 'p.id', 'a.period_id')
		.select(['p.id as periodId', 'p.name as periodName', 'a.duty_date as date'])
		.distinct()
		.where('p.status', '=', 'published')
		.where('a.user_id', '=', userId)
		.where('a.duty_date', '>=', startDate)
		.where('a.duty_date', '<=', endDate)
		.orderBy('date')
		.orderBy('periodId')
		.execute();
}

// ---- held shifts for the calendars ---------------------------------------------------------

/** One held duty slot of a published period, as the calendars show it. */
export interface CalendarShift {
	assignmentId: number;
	periodId: number;
	periodName: string;
	/** 值班电话 of the period. */
	phone: string;
	/** When the period was last revised: the feed entry's DTSTAMP. */
	updatedAt: string;
	shiftName: string;
	role: DutyRole;
	label: string;
	startsAt: string;
	endsAt: string;
	userId: number;
	userName: string;
}

/**
 * Longest shift the range query looks back for (an overnight shift is under two days); as with
 * meetings, it lets the (user_id, starts_at) index bound both sides of the window.
 */
const MAX_SHIFT_SPAN_MS = 2 * 86_400_000;

// SQLite compares instants as text, so bounds must have the stored toISOString form.
const iso = (value: string | number) => new Date(value).toISOString();

function calendarShiftQuery(db: DB, from: string, to: string) {
	return db
		.selectFrom('duty_assignments as a')
		.innerJoin('duty_periods as p', 'p.id', 'a.period_id')
		.innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
		.innerJoin('users as u', 'u.id', 'a.user_id')
		.select([
			'a.id',
			'a.period_id',
			'a.role',
			'a.label',
			'a.starts_at',
			'a.ends_at',
			'a.user_id',
			'p.name as period_name',
			'p.phone',
			'p.updated_at',
			's.name as shift_name',
			'u.name as user_name'
		])
		.where('p.status', '=', 'published')
		.where('a.starts_at', '<', iso(to))
		.where('a.starts_at', '>', iso(new Date(from).getTime() - MAX_SHIFT_SPAN_MS))
		.where('a.ends_at', '>', iso(from))
		.orderBy('a.starts_at')
		.orderBy('a.id');
}

type CalendarShiftRow = Awaited<
	ReturnType<ReturnType<typeof calendarShiftQuery>['execute']>
>[number];

function toCalendarShift(r: CalendarShiftRow): CalendarShift {
	return {
		assignmentId: r.id,
		periodId: r.period_id,
		periodName: r.period_name,
		phone: r.phone,
		updatedAt: r.updated_at,
		shiftName: r.shift_name,
		role: r.role,
		label: r.label,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		userId: r.user_id!,
		userName: r.user_name
	};
}

/** The person's shifts in published periods overlapping [from, to), in start order. */
export async function listShiftsOfBetween(
	db: DB,
	userId: number,
	from: string,
	to: string
): Promise<CalendarShift[]> {
	const rows = await calendarShiftQuery(db, from, to).where('a.user_id', '=', userId).execute();
	return rows.map(toCalendarShift);
}

/**
 * Held shifts in published periods overlapping [from, to): of the active members of one
 * department when given, else of everybody.
 */
export async function listShiftsBetween(
	db: DB,
	q: { from: string; to: string; departmentId?: number }
): Promise<CalendarShift[]> {
	let query = calendarShiftQuery(db, q.from, q.to);
	if (q.departmentId != null) {
		query = query.where('u.department_id', '=', q.departmentId).where('u.is_active', '=', true);
	}
	return (await query.execute()).map(toCalendarShift);
}
