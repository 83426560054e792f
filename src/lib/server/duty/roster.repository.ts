import { sql } from 'kysely';
import type { NewSlot } from '$lib/domain/duty-slots';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';

// The roster of a period: its slots (assignments) and what fills them — the pools, the
// exemptions, people's unavailability and the fairness ledger of earlier periods.

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

// ---- unavailability ------------------------------------------------------------------------

export interface Unavailability {
	id: number;
	userId: number;
	userName: string;
	departmentName: string | null;
	startDate: string;
	endDate: string;
	reason: string;
	source: string;
}

/**
 * Unavailability that meets [start, end] (all of it when no range is given), of these people
 * only when `userIds` is given; newest first.
 */
export async function listUnavailability(
	db: DB,
	range?: { start: string; end: string; userIds?: number[] }
): Promise<Unavailability[]> {
	if (range?.userIds && !range.userIds.length) return [];
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
	if (range?.userIds) q = q.where('a.user_id', 'in', range.userIds);
	return q.orderBy('a.start_date', 'desc').orderBy('a.id', 'desc').execute();
}

/** An entry of the person covering all of [start, end], if any. */
export async function findUnavailabilityCovering(
	db: DB,
	userId: number,
	start: string,
	end: string
): Promise<number | undefined> {
	const r = await db
		.selectFrom('duty_unavailability')
		.select('id')
		.where('user_id', '=', userId)
		.where('start_date', '<=', start)
		.where('end_date', '>=', end)
		.executeTakeFirst();
	return r?.id;
}

export async function insertUnavailability(
	db: DB,
	u: {
		userId: number;
		startDate: string;
		endDate: string;
		reason: string;
		createdBy: number;
		createdAt: string;
	}
): Promise<number> {
	const r = await db
		.insertInto('duty_unavailability')
		.values({
			user_id: u.userId,
			start_date: u.startDate,
			end_date: u.endDate,
			reason: u.reason,
			created_by: u.createdBy,
			created_at: u.createdAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function findUnavailabilityById(
	db: DB,
	id: number
): Promise<{ id: number; userId: number; startDate: string; endDate: string } | undefined> {
	return db
		.selectFrom('duty_unavailability')
		.select(['id', 'user_id as userId', 'start_date as startDate', 'end_date as endDate'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function deleteUnavailability(db: DB, id: number): Promise<boolean> {
	const r = await db.deleteFrom('duty_unavailability').where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}

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
