import * as m from '$lib/paraglide/messages';
import { isClassified } from '$lib/domain/meetings';
import { addDays } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import type { DB } from '../db';
import type { MeetingStatus } from '../db/schema';
import { dutyShiftsBetween, dutyShiftsOfBetween, type CalendarShift } from '../duty/roster.service';
import { ForbiddenError, ValidationError } from '../errors';
import { loadHolidayCalendar } from '../holidays/holidays.service';
import {
	findCalendarMeetings,
	findUserDepartmentId,
	type CalendarMeetingRow,
	type CalendarQuery
} from './calendar.repository';
import {
	canOpenMeeting,
	canPlanMeetings,
	canSeeAllMeetings,
	canSeeCalendar,
	canSeeMeetingContent
} from '../permissions';

export const CALENDAR_SCOPES = ['mine', 'department', 'all', 'room'] as const;
export type CalendarScope = (typeof CALENDAR_SCOPES)[number];

/** A FullCalendar 7 event input; v7 reads `className` (a string), not v6's `classNames`. */
export interface MeetingCalendarEvent {
	id: string;
	title: string;
	start: string;
	end: string;
	url?: string;
	className: string;
	extendedProps: { room: string; type: string | null; status: MeetingStatus | null };
}

/** A held duty shift of a published period; it opens the roster. */
export interface DutyCalendarEvent {
	id: string;
	title: string;
	start: string;
	end: string;
	url: string;
	className: 'duty';
	color: string;
	extendedProps: { kind: 'duty'; room: string; type: null; status: null };
}

export type CalendarEntry = MeetingCalendarEvent | DutyCalendarEvent;

export interface HolidayBackgroundEvent {
	id: string;
	title: string;
	start: string;
	end: string;
	allDay: true;
	display: 'background';
	className: string;
	extendedProps: { kind: 'holiday' | 'workday' };
}

/** The longest range one request may ask for: a month grid shows six weeks. */
const MAX_RANGE_DAYS = 100;

function parseRange(from: string, to: string): { from: string; to: string } {
	const a = Date.parse(from);
	const b = Date.parse(to);
	if (!Number.isFinite(a) || !Number.isFinite(b) || b <= a || b - a > MAX_RANGE_DAYS * 86_400_000) {
		throw new ValidationError({ start: m.calendar_err_range() });
	}
	return { from: new Date(a).toISOString(), to: new Date(b).toISOString() };
}

function classes(row: CalendarMeetingRow, masked: boolean): string {
	return [
		'meeting',
		row.status === 'cancelled' && 'is-cancelled',
		row.status === 'draft' && !masked && 'is-draft',
		isClassified(row.classification) && 'is-classified',
		masked && 'is-masked'
	]
		.filter(Boolean)
		.join(' ');
}

/** What one viewer sees of a meeting in one scope; null when it must not appear at all. */
function present(
	actor: Actor,
	scope: CalendarScope,
	row: CalendarMeetingRow
): MeetingCalendarEvent | null {
	const base = { id: String(row.id), start: row.startsAt, end: row.endsAt };
	const room = row.roomName ?? row.location;
	const titled = {
		...base,
		title: row.title,
		className: classes(row, false),
		extendedProps: { room, type: row.typeName, status: row.status }
	};
	if (canOpenMeeting(actor, row, row.relation)) return { ...titled, url: `/meetings/${row.id}` };
	const classified = isClassified(row.classification);
	const masked = (title: string): MeetingCalendarEvent => ({
		...base,
		title,
		className: classes(row, true),
		extendedProps: { room, type: null, status: null }
	});
	if (scope === 'room') {
		// The room view shows what holds the room, and a cancelled meeting no longer does.
		if (row.status === 'cancelled') return null;
		return masked(classified ? m.calendar_classified() : m.calendar_booked());
	}
	// Others' drafts stay out of every other view (the query already leaves them out).
	if (row.status === 'draft') return null;
	if (canSeeMeetingContent(actor, row, row.relation)) return titled;
	// A classified meeting is left out of the overview; elsewhere it shows time and room only.
	return scope === 'all' ? null : masked(m.calendar_classified());
}

const DUTY_COLOUR = '#2e7d32';

function dutyEvent(shift: CalendarShift, own: boolean): DutyCalendarEvent {
	const role =
		shift.role === 'leader' ? m.calendar_duty_role_leader() : m.calendar_duty_role_officer();
	return {
		id: `duty-${shift.assignmentId}`,
		// My own calendar names the period; a shared view names who is on duty.
		title: own
			? m.calendar_duty_title({ period: shift.periodName, role })
			: m.calendar_duty_title_person({ name: shift.userName, role }),
		start: shift.startsAt,
		end: shift.endsAt,
		url: `/duty/${shift.periodId}`,
		className: 'duty',
		color: DUTY_COLOUR,
		extendedProps: { kind: 'duty', room: shift.shiftName, type: null, status: null }
	};
}

/**
 * Meetings for the calendar pages. 'mine': the actor's own; 'department': the actor's
 * department's; 'all': office, admin and leaders only; 'room': one room, for anyone.
 */
export async function calendarEvents(
	db: DB,
	actor: Actor,
	q: { scope: string; roomId?: number | null; from: string; to: string }
): Promise<CalendarEntry[]> {
	// 三员分立: the security auditor sees the audit log and nothing else.
	if (!canSeeCalendar(actor)) throw new ForbiddenError();
	const range = parseRange(q.from, q.to);
	const drafts = canPlanMeetings(actor) || { createdBy: actor.id };
	const base = { ...range, viewerId: actor.id, includeDrafts: drafts } satisfies CalendarQuery;
	let query: CalendarQuery;
	// Published rosters are open to every signed-in person; the room view has no duty.
	let duty: Promise<CalendarShift[]> | undefined;
	switch (q.scope as CalendarScope) {
		case 'mine':
			query = { ...base, userId: actor.id };
			duty = dutyShiftsOfBetween(db, actor.id, range.from, range.to);
			break;
		case 'department': {
			const departmentId = await findUserDepartmentId(db, actor.id);
			if (departmentId == null) return [];
			query = { ...base, departmentId };
			duty = dutyShiftsBetween(db, { ...range, departmentId });
			break;
		}
		case 'all':
			if (!canSeeAllMeetings(actor)) throw new ForbiddenError();
			query = base;
			duty = dutyShiftsBetween(db, range);
			break;
		case 'room':
			if (!q.roomId || !Number.isInteger(q.roomId)) {
				throw new ValidationError({ roomId: m.err_choose_one() });
			}
			// Drafts hold their room too (the booking check counts them), so they show as booked.
			query = { ...base, roomId: q.roomId, includeDrafts: true };
			break;
		default:
			throw new ValidationError({ scope: m.err_choose_one() });
	}
	const [rows, shifts] = await Promise.all([findCalendarMeetings(db, query), duty ?? []]);
	const meetings = rows.flatMap((row) => present(actor, q.scope as CalendarScope, row) ?? []);
	return [...meetings, ...shifts.map((s) => dutyEvent(s, q.scope === 'mine'))];
}

/** 休 on statutory holidays and 班 on make-up workdays, dates from..to (to excluded). */
export async function holidayBackgroundEvents(
	db: DB,
	from: string,
	to: string
): Promise<HolidayBackgroundEvent[]> {
	const days = await loadHolidayCalendar(db, from, addDays(to, -1));
	return [...days].map(([date, kind]) => ({
		id: `holiday-${date}`,
		title: kind === 'holiday' ? m.holidays_badge_holiday() : m.holidays_badge_workday(),
		start: date,
		end: addDays(date, 1),
		allDay: true,
		display: 'background',
		className: kind === 'holiday' ? 'is-holiday' : 'is-workday',
		extendedProps: { kind }
	}));
}
