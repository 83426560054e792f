import { randomBytes } from 'node:crypto';
import * as m from '$lib/paraglide/messages';
import { buildFeed, isClassifiedLevel, type FeedEvent } from '$lib/domain/invite';
import { addDays } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import { hasRole } from '../auth/guard';
import type { DB } from '../db';
import type { MeetingStatus } from '../db/schema';
import {
	DUTY_ROLE_LABEL,
	dutyUid,
	listShiftsBetween,
	listShiftsOfBetween,
	type CalendarShift
} from '../duty/calendar';
import { ForbiddenError, ValidationError } from '../errors';
import { loadHolidayCalendar } from '../holidays/holidays.service';
import {
	findActiveTokenOwner,
	findAgendaTitles,
	findCalendarMeetings,
	findCalendarToken,
	findUserDepartmentId,
	insertCalendarToken,
	replaceCalendarToken,
	type CalendarMeetingRow,
	type CalendarQuery
} from './calendar.repository';

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

export function canSeeAllMeetings(actor: Pick<Actor, 'roles'>): boolean {
	return hasRole(actor, 'office', 'admin', 'leader');
}

function isPlanner(actor: Actor): boolean {
	return hasRole(actor, 'office', 'admin');
}

/** Whether the actor may open the meeting: the rule of the meeting page, drafts to planners. */
function mayOpen(actor: Actor, row: CalendarMeetingRow): boolean {
	if (isPlanner(actor) || row.createdBy === actor.id) return true;
	return row.status !== 'draft' && row.relation !== null;
}

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
		isClassifiedLevel(row.classification) && 'is-classified',
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
	if (mayOpen(actor, row)) return { ...titled, url: `/meetings/${row.id}` };
	const classified = isClassifiedLevel(row.classification);
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
	if (!classified) return titled;
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
	if (hasRole(actor, 'auditor')) throw new ForbiddenError();
	const range = parseRange(q.from, q.to);
	const drafts = isPlanner(actor) || { createdBy: actor.id };
	const base = { ...range, viewerId: actor.id, includeDrafts: drafts } satisfies CalendarQuery;
	let query: CalendarQuery;
	// Published rosters are open to every signed-in person; the room view has no duty.
	let duty: Promise<CalendarShift[]> | undefined;
	switch (q.scope as CalendarScope) {
		case 'mine':
			query = { ...base, userId: actor.id };
			duty = listShiftsOfBetween(db, actor.id, range.from, range.to);
			break;
		case 'department': {
			const departmentId = await findUserDepartmentId(db, actor.id);
			if (departmentId == null) return [];
			query = { ...base, departmentId };
			duty = listShiftsBetween(db, { ...range, departmentId });
			break;
		}
		case 'all':
			if (!canSeeAllMeetings(actor)) throw new ForbiddenError();
			query = base;
			duty = listShiftsBetween(db, range);
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

function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The actor's feed token, made on first use. */
export async function getOrCreateCalendarToken(db: DB, actor: Actor): Promise<string> {
	const existing = await findCalendarToken(db, actor.id);
	if (existing) return existing;
	return db.transaction().execute(async (trx) => {
		if (await insertCalendarToken(trx, actor.id, newToken())) {
			await recordAudit(trx, {
				actor,
				ip: actor.ip,
				action: 'calendar.token_create',
				entity: 'calendar_token',
				entityId: actor.id
			});
		}
		return (await findCalendarToken(trx, actor.id))!;
	});
}

/** A new secret; the old link stops working at once. */
export async function resetCalendarToken(db: DB, actor: Actor): Promise<string> {
	const token = newToken();
	await db.transaction().execute(async (trx) => {
		await replaceCalendarToken(trx, actor.id, token);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'calendar.token_reset',
			entity: 'calendar_token',
			entityId: actor.id
		});
	});
	return token;
}

const FEED_PAST_DAYS = 90;
const FEED_FUTURE_DAYS = 365;
// Feeds go out in the office's language whatever the reader's UI locale (as the invites do).
const feedName = (person: string) => `会办 · ${person}的会议`;

function dutyFeedEvent(s: CalendarShift, origin: string | undefined): FeedEvent {
	const label = s.label ? `（${s.label}）` : '';
	return {
		uid: dutyUid(s.assignmentId),
		sequence: 0,
		start: s.startsAt,
		end: s.endsAt,
		stamp: s.updatedAt,
		summary: `值班：${s.periodName}（${DUTY_ROLE_LABEL[s.role]}）`,
		location: '',
		description: [`${s.shiftName}${label}`, s.phone && `值班电话：${s.phone}`]
			.filter(Boolean)
			.join('\n'),
		url: origin ? `${origin}/duty/${s.periodId}` : undefined,
		cancelled: false
	};
}

/** The subscription feed behind a token, or null for an unknown token or inactive account. */
export async function feedForToken(
	db: DB,
	token: string,
	o: { origin?: string; now?: Date } = {}
): Promise<string | null> {
	if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
	const owner = await findActiveTokenOwner(db, token);
	if (!owner) return null;
	const now = (o.now ?? new Date()).getTime();
	const from = new Date(now - FEED_PAST_DAYS * 86_400_000).toISOString();
	const to = new Date(now + FEED_FUTURE_DAYS * 86_400_000).toISOString();
	const rows = await findCalendarMeetings(db, { from, to, userId: owner.id, includeDrafts: false });
	const shifts = await listShiftsOfBetween(db, owner.id, from, to);
	const open = rows.filter((r) => !isClassifiedLevel(r.classification));
	const agenda = await findAgendaTitles(
		db,
		open.map((r) => r.id)
	);
	const events: FeedEvent[] = rows.map((r) => {
		const classified = isClassifiedLevel(r.classification);
		return {
			uid: r.uid,
			sequence: r.sequence,
			start: r.startsAt,
			end: r.endsAt,
			// Without METHOD, DTSTAMP is when the entry was last revised (RFC 5545 §3.8.7.2).
			stamp: r.updatedAt,
			summary: r.title,
			location: r.roomName ?? r.location,
			description: classified ? '' : (agenda.get(r.id) ?? []).join('\n'),
			url: !classified && o.origin ? `${o.origin}/meetings/${r.id}` : undefined,
			classified,
			cancelled: r.status === 'cancelled'
		};
	});
	const duty = shifts.map((s) => dutyFeedEvent(s, o.origin));
	return buildFeed(feedName(owner.name), [...events, ...duty]);
}
