import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { LeaveHalf, LeaveType } from '$lib/domain/leave';
import { LEAVE_TYPES } from '$lib/domain/leave';
import { addDays, daysInMonth, eachDate, isWorkingDay } from '$lib/domain/working-days';
import { instantToZonedDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import * as clock from '../clock';
import type { DB } from '../db';
import { ForbiddenError } from '../errors';
import { loadHolidayCalendar } from '../holidays/holidays.service';
import { departmentsAt } from '../org/departments.service';
import { listActivePeople } from '../org/directory.service';
import { OFFICE_LOCALE } from '../notifications/notify';
import { departmentOfAt } from '../org/users.service';
import type { ReadAt } from '../db/steady';
import { canSeeAllLeave, canSeeDepartmentLeave, type LeaveViewer } from '../permissions';
import { getSettings } from '../settings/settings.service';
import { approvedLeaveBetween, leaveTypeWords } from './links.service';

// Approved leave on calendars: one's own in the meetings calendar and the webcal feed (never
// anybody else's), and the department leave calendar (/leave/calendar, a month grid).

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The actor's own approved leave as FullCalendar all-day entries "请假：年休假" (from ≤ date <
 * to, the calendar's exclusive end).
 */
export async function leaveCalendarEvents(db: DB, actor: Actor, from: string, to: string) {
	if (!DATE.test(from) || !DATE.test(to) || from >= to) return [];
	const leave = await approvedLeaveBetween(db, {
		userIds: [actor.id],
		from,
		to: addDays(to, -1)
	});
	const locale = { locale: getLocale() };
	return leave.map((l) => ({
		id: `leave-${l.leaveId}`,
		title: m.leavelink_calendar_event({ type: leaveTypeWords(l.type)(locale) }),
		start: l.startDate,
		end: addDays(l.endDate, 1),
		allDay: true,
		url: `/leave/${l.leaveId}`,
		className: 'is-leave',
		extendedProps: { kind: 'leave', startHalf: l.startHalf, endHalf: l.endHalf }
	}));
}

/**
 * The owner's approved leave for their subscription feed (calendar.feed.ts): all-day entries
 * "请假：年休假" in the office's language (feeds are, like the invites).
 */
export async function feedLeave(
	db: DB,
	userId: number,
	from: string,
	to: string
): Promise<
	{ uid: string; start: string; end: string; summary: string; path: string; stamp: string }[]
> {
	const leave = await approvedLeaveBetween(db, { userIds: [userId], from, to });
	const office = OFFICE_LOCALE;
	return leave.map((l) => ({
		uid: `leave-${l.leaveId}@huiban`,
		start: l.startDate,
		end: addDays(l.endDate, 1),
		summary: m.leavelink_calendar_event({ type: leaveTypeWords(l.type)(office) }, office),
		path: `/leave/${l.leaveId}`,
		stamp: l.approvedAt ?? `${l.startDate}T00:00:00.000Z`
	}));
}

// ---- the department leave calendar ---------------------------------------------------------

export interface LeaveCell {
	type: LeaveType;
	/** 'am' / 'pm' for half a day off, null for the whole day. */
	half: LeaveHalf | null;
	leaveId: number;
}

export interface LeaveMonthRow {
	userId: number;
	name: string;
	departmentName: string | null;
	/** One per day of the month, null when at work. */
	cells: (LeaveCell | null)[];
}

export interface LeaveMonth {
	month: string;
	/** The office's current month (the page's default). */
	thisMonth: string;
	year: number;
	monthNumber: number;
	prevMonth: string;
	nextMonth: string;
	/** null: every department (the office and 局领导 only). */
	departmentId: number | null;
	departmentName: string | null;
	/** Departments the viewer may pick; empty for a department head (their own only). */
	departments: { id: number; name: string }[];
	days: { date: string; day: number; off: boolean }[];
	rows: LeaveMonthRow[];
	/** Types that appear this month, for the legend. */
	types: LeaveType[];
	leaveCount: number;
	peopleOnLeave: number;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function shiftMonth(year: number, month: number, by: number): string {
	const index = year * 12 + (month - 1) + by;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * A department's approved leave in a month as a people × days grid: a department head their own
 * department, the office and 局领导 any (or every) department; anyone else is refused. The leave
 * is one query over the department index; a department's rows are its active people, and
 * anyone else with leave asked from it.
 */
export async function departmentLeaveMonth(
	db: DB,
	actor: Actor,
	q: { month?: string | null; departmentId?: number | null },
	at?: ReadAt
): Promise<LeaveMonth> {
	const viewer: LeaveViewer = { ...actor, departmentId: await departmentOfAt(db, actor.id, at) };
	const all = canSeeAllLeave(viewer);
	const departmentId = all ? (q.departmentId ?? null) : (q.departmentId ?? viewer.departmentId);
	if (!(all && departmentId === null) && !canSeeDepartmentLeave(viewer, departmentId)) {
		throw new ForbiddenError();
	}
	const { timeZone } = await getSettings(db);
	const today = instantToZonedDate(clock.nowIso(), timeZone);
	const match = MONTH.exec(q.month ?? '') ?? MONTH.exec(today.slice(0, 7))!;
	const year = Number(match[1]);
	const monthNumber = Number(match[2]);
	const month = `${match[1]}-${match[2]}`;
	const first = `${month}-01`;
	const last = `${month}-${String(daysInMonth(year, monthNumber)).padStart(2, '0')}`;
	const dates = eachDate(first, last);

	const [leave, departments, people, holidays] = await Promise.all([
		approvedLeaveBetween(db, { departmentId, from: first, to: last }),
		departmentsAt(db, at),
		departmentId === null ? Promise.resolve([]) : listActivePeople(db, { departmentId }),
		loadHolidayCalendar(db, first, last)
	]);

	const rows = new Map<number, LeaveMonthRow>();
	for (const p of people) {
		if (p.departmentId !== departmentId) continue;
		rows.set(p.id, {
			userId: p.id,
			name: p.name,
			departmentName: p.departmentName,
			cells: dates.map(() => null)
		});
	}
	const departmentName = (id: number | null) =>
		id === null ? null : (departments.find((d) => d.id === id)?.name ?? null);
	for (const l of leave) {
		let row = rows.get(l.userId);
		if (!row) {
			row = {
				userId: l.userId,
				name: l.userName,
				departmentName: departmentName(l.departmentId),
				cells: dates.map(() => null)
			};
			rows.set(l.userId, row);
		}
		for (const [i, date] of dates.entries()) {
			if (date < l.startDate || date > l.endDate) continue;
			let half: LeaveHalf | null = null;
			if (date === l.startDate && l.startHalf === 'pm') half = 'pm';
			if (date === l.endDate && l.endHalf === 'am') half = half === 'pm' ? null : 'am';
			const before = row.cells[i];
			// Two half days of two requests on one date: the day is off.
			row.cells[i] =
				before && before.half !== half
					? { ...before, half: null }
					: { type: l.type, half, leaveId: l.leaveId };
		}
	}
	const present = new Set(leave.map((l) => l.type));
	return {
		month,
		thisMonth: today.slice(0, 7),
		year,
		monthNumber,
		prevMonth: shiftMonth(year, monthNumber, -1),
		nextMonth: shiftMonth(year, monthNumber, 1),
		departmentId,
		departmentName: departmentName(departmentId),
		departments: all
			? departments.filter((d) => d.isActive).map((d) => ({ id: d.id, name: d.name }))
			: [],
		days: dates.map((date) => ({
			date,
			day: Number(date.slice(8)),
			off: !isWorkingDay(date, holidays)
		})),
		rows: [...rows.values()],
		types: LEAVE_TYPES.filter((t) => present.has(t)),
		leaveCount: leave.length,
		peopleOnLeave: new Set(leave.map((l) => l.userId)).size
	};
}
