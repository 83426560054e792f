/**
 * 在岗情况 (issue 11): a date (today by default) by department — 在编 (the active people who
 * ask for leave), 请假 (approved or 销假-reported leave covering the date; half days shown as
 * 上午 / 下午), 外出 (outings) and 在岗 — with the names on leave (type, until when) and out (where,
 * back by). The office and leaders see all departments, a department head their own. Two
 * queries for the whole board.
 */
import * as m from '$lib/paraglide/messages';
import {
	previousHalf,
	compareMoments,
	type LeaveHalf,
	type LeaveMoment,
	type LeaveType
} from '$lib/domain/leave';
import type { Role } from '$lib/domain/roles';
import { isCalendarDate } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import * as clock from '../clock';
import type { DB } from '../db';
import { ForbiddenError, ValidationError } from '../errors';
import { canRequestLeave, canSeeAllLeave, canSeeDepartmentLeave } from '../permissions';
import { findBoardAbsences, findBoardPeople, type BoardAbsenceRow } from './board.repository';
import { leaveHalvesOn, outingState, type OutingState } from './outing-times';
import { leaveViewer, officeMoment } from './outings.service';

export interface BoardLeave {
	userId: number;
	name: string;
	type: LeaveType;
	/** The part of the date taken off. */
	half: 'day' | LeaveHalf;
	/** The last half day off (the approved end, or the day before an early 销假 return). */
	until: LeaveMoment;
}

export interface BoardOuting {
	id: number;
	userId: number;
	name: string;
	destination: string;
	outAt: string;
	backBy: string;
	state: OutingState;
	/** Counted as 外出 on the board (a returned or not yet started outing of today is not). */
	counted: boolean;
}

export interface BoardCounts {
	staff: number;
	onLeave: number;
	out: number;
	present: number;
}

export interface BoardDepartment extends BoardCounts {
	departmentId: number | null;
	name: string;
	leave: BoardLeave[];
	outings: BoardOuting[];
}

export interface LeaveBoard {
	date: string;
	today: string;
	scope: 'all' | 'department';
	departments: BoardDepartment[];
	total: BoardCounts;
}

/** The board for `date` (YYYY-MM-DD; today when not given) as the actor may see it. */
export async function leaveBoard(
	db: DB,
	actor: Actor,
	o: { date?: string | null; at?: Date } = {}
): Promise<LeaveBoard> {
	const viewer = await leaveViewer(db, actor);
	let departmentId: number | undefined;
	let scope: LeaveBoard['scope'] = 'all';
	if (!canSeeAllLeave(viewer)) {
		if (viewer.departmentId === null || !canSeeDepartmentLeave(viewer, viewer.departmentId))
			throw new ForbiddenError();
		departmentId = viewer.departmentId;
		scope = 'department';
	}
	const at = (o.at ?? clock.now()).toISOString();
	const { today, time } = await officeMoment(db, at);
	const date = o.date || today;
	if (!isCalendarDate(date)) throw new ValidationError({ date: m.err_date() });

	const [people, absences] = await Promise.all([
		findBoardPeople(db, departmentId),
		findBoardAbsences(db, date, departmentId)
	]);
	const staff = people.filter((p) => canRequestLeave({ roles: p.roles as Role[] }));
	const personOf = new Map(staff.map((p) => [p.userId, p]));

	const leaveOf = new Map<number, BoardLeave>();
	const outingsOf = new Map<number, BoardOuting[]>();
	for (const a of absences) {
		const p = personOf.get(a.userId);
		if (!p) continue;
		if (a.kind === 'leave') {
			const half = leaveHalvesOn(a, date);
			if (!half) continue;
			const seen = leaveOf.get(a.userId);
			const shown: BoardLeave = {
				userId: a.userId,
				name: p.name,
				type: a.type,
				half,
				until: lastOff(a)
			};
			// Two requests on one date (a morning and an afternoon): the whole day.
			if (seen) leaveOf.set(a.userId, { ...seen, half: seen.half === half ? half : 'day' });
			else leaveOf.set(a.userId, shown);
		} else {
			const state = outingState(a, today, time);
			const counted = countsAsOut(a, state, date, today);
			const list = outingsOf.get(a.userId) ?? [];
			list.push({
				id: a.id,
				userId: a.userId,
				name: p.name,
				destination: a.destination,
				outAt: a.outAt,
				backBy: a.backBy,
				state,
				counted
			});
			outingsOf.set(a.userId, list);
		}
	}

	const departments = new Map<string, BoardDepartment>();
	for (const p of staff) {
		const key = String(p.departmentId);
		let d = departments.get(key);
		if (!d) {
			d = {
				departmentId: p.departmentId,
				name: p.departmentName ?? m.leaveboard_no_department(),
				staff: 0,
				onLeave: 0,
				out: 0,
				present: 0,
				leave: [],
				outings: []
			};
			departments.set(key, d);
		}
		d.staff++;
		const leave = leaveOf.get(p.userId);
		const outings = (outingsOf.get(p.userId) ?? []).sort((a, b) => a.outAt.localeCompare(b.outAt));
		if (leave) {
			d.leave.push(leave);
			d.onLeave++;
		} else if (outings.some((x) => x.counted)) d.out++;
		else d.present++;
		d.outings.push(...outings);
	}
	// People come by department order; those without a department go last on both databases.
	const list = [...departments.values()].sort(
		(a, b) => Number(a.departmentId === null) - Number(b.departmentId === null)
	);
	const total = list.reduce<BoardCounts>(
		(t, d) => ({
			staff: t.staff + d.staff,
			onLeave: t.onLeave + d.onLeave,
			out: t.out + d.out,
			present: t.present + d.present
		}),
		{ staff: 0, onLeave: 0, out: 0, present: 0 }
	);
	return { date, today, scope, departments: list, total };
}

/** The last half day off: the approved end, or the half before an earlier 销假 return. */
function lastOff(a: Extract<BoardAbsenceRow, { kind: 'leave' }>): LeaveMoment {
	const end: LeaveMoment = { date: a.endDate, half: a.endHalf };
	if (!a.returnDate || !a.returnHalf) return end;
	const before = previousHalf({ date: a.returnDate, half: a.returnHalf });
	return compareMoments(before, end) < 0 ? before : end;
}

/**
 * Whether an outing makes its person 外出 on the board: on a past or future date every outing
 * reported for it; today only those under way (started, not marked back).
 */
function countsAsOut(
	o: Extract<BoardAbsenceRow, { kind: 'outing' }>,
	state: OutingState,
	date: string,
	today: string
): boolean {
	if (date !== today) return o.status !== 'cancelled';
	return state === 'out' || state === 'overdue';
}
