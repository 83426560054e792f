import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';

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

function shiftQuery(db: DB, from: string, to: string) {
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

type ShiftRow = Awaited<ReturnType<ReturnType<typeof shiftQuery>['execute']>>[number];

function toCalendarShift(r: ShiftRow): CalendarShift {
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
	const rows = await shiftQuery(db, from, to).where('a.user_id', '=', userId).execute();
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
	let query = shiftQuery(db, q.from, q.to);
	if (q.departmentId != null) {
		query = query.where('u.department_id', '=', q.departmentId).where('u.is_active', '=', true);
	}
	return (await query.execute()).map(toCalendarShift);
}

/** 带班领导 / 值班员, in the office's language (feeds go out in Chinese, as the invites do). */
export const DUTY_ROLE_LABEL: Record<DutyRole, string> = { leader: '带班领导', officer: '值班员' };

/** The feed's UID for a held slot: stable across publishes and reassignments. */
export function dutyUid(assignmentId: number): string {
	return `duty-${assignmentId}@huiban`;
}
