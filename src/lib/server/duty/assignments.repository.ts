import type { Insertable } from 'kysely';
import type { DB } from '../db';
import type { DutyAssignmentsTable, DutyRole } from '../db/schema-duty';

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

export async function setAssignmentUser(db: DB, id: number, userId: number | null): Promise<void> {
	await db.updateTable('duty_assignments').set({ user_id: userId }).where('id', '=', id).execute();
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
