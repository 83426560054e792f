import * as m from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { compareMoments, previousHalf, type LeaveHalf, type LeaveType } from '$lib/domain/leave';
import { nextDate, zonedToInstant } from '$lib/domain/zoned-time';
import { formatMonthDay } from '$lib/format';
import { leaveTypeName } from '$lib/leave-words';
import type { AuditedBy } from '../audit';
import { audit } from '../audit';
import type { DB } from '../db';
import { addLeaveDelegation, endLeaveDelegation } from '../approval/delegations.service';
import { publishedDutyDaysOf } from '../duty/roster.service';
import { setLeaveUnavailability } from '../duty/pools.service';
import { excuseForLeave, undoLeaveExcuse } from '../meetings/replies.service';
import { OFFICE_LOCALE as OFFICE, type Words } from '../notifications/notify';
import { findPersonById } from '../org/users.service';
import { holdsApproverPosition } from '../permissions';
import { getSettings } from '../settings/settings.service';
import { findApprovedLeave } from './links.repository';
import { tellOfficeOfDutyClash, tellOrganisers } from './links.notify';
import type { LeaveRecord } from './requests.repository';

// Approved leave flowing into the other modules (issue 11): duty unavailability and the
// office's warning about published rosters, 请假 replies to meetings, the approver's stand-in —
// all in the leave service's transaction. And the approved-leave read that planners and
// calendars use.

type LinkedKeys =
	| 'id'
	| 'applicantId'
	| 'type'
	| 'startDate'
	| 'startHalf'
	| 'endDate'
	| 'endHalf'
	| 'coverId'
	| 'returnDate'
	| 'returnHalf';

/** What these functions read of a leave request; LEAVE passes its whole `LeaveRecord`. */
export type LinkedLeave = Pick<LeaveRecord, LinkedKeys> & Partial<Omit<LeaveRecord, LinkedKeys>>;

/** Changes made on nobody's click (the leave's decider is not passed): audited without a name. */

// ---- words ---------------------------------------------------------------------------------

/** 年休假, 病假 … */
export const leaveTypeWords =
	(type: LeaveType): Words =>
	(o) =>
		leaveTypeName(type, o);

const halfWords = (half: LeaveHalf, o: { locale: Locale }) =>
	half === 'am' ? m.leavelink_half_am({}, o) : m.leavelink_half_pm({}, o);

/**
 * The days off as people say them: 12月8日—12月10日, 12月8日下午—12月10日, 12月8日上午 (a
 * morning), 12月8日 (one whole day).
 */
export function leaveDatesWords(l: {
	startDate: string;
	startHalf: LeaveHalf;
	endDate: string;
	endHalf: LeaveHalf;
}): Words {
	return (o) => {
		const day = (d: string) => formatMonthDay(d, undefined, o.locale);
		if (l.startDate === l.endDate) {
			if (l.startHalf === l.endHalf) return day(l.startDate) + halfWords(l.startHalf, o);
			return day(l.startDate);
		}
		const from = day(l.startDate) + (l.startHalf === 'pm' ? halfWords('pm', o) : '');
		const to = day(l.endDate) + (l.endHalf === 'am' ? halfWords('am', o) : '');
		return `${from}${o.locale === 'en' ? ' – ' : '—'}${to}`;
	};
}

/** The leave's span in the office's zone: am = 00:00–12:00, pm = 12:00–24:00. */
export function leaveInterval(
	l: { startDate: string; startHalf: LeaveHalf; endDate: string; endHalf: LeaveHalf },
	timeZone: string
): { from: string; to: string } {
	return {
		from: zonedToInstant(l.startDate, l.startHalf === 'pm' ? '12:00' : '00:00', timeZone),
		to:
			l.endHalf === 'am'
				? zonedToInstant(l.endDate, '12:00', timeZone)
				: zonedToInstant(nextDate(l.endDate), '00:00', timeZone)
	};
}

/** The last half day off: the approved end, or the half day before an early 销假 return. */
function effectiveEnd(l: {
	endDate: string;
	endHalf: LeaveHalf;
	returnDate: string | null;
	returnHalf: LeaveHalf | null;
}): { date: string; half: LeaveHalf } {
	const end = { date: l.endDate, half: l.endHalf };
	if (!l.returnDate || !l.returnHalf) return end;
	const before = previousHalf({ date: l.returnDate, half: l.returnHalf });
	return compareMoments(before, end) < 0 ? before : end;
}

// ---- for planners and calendars ------------------------------------------------------------

/** Approved leave as planners and calendars show it (early 销假 already taken off). */
export interface ApprovedLeave {
	leaveId: number;
	userId: number;
	userName: string;
	departmentId: number | null;
	type: LeaveType;
	startDate: string;
	startHalf: LeaveHalf;
	endDate: string;
	endHalf: LeaveHalf;
	approvedAt: string | null;
}

/**
 * Approved leave meeting the dates [from, to] (both included): of these people, of one
 * department, or everybody's. No permission: callers show it only to whom may see it.
 */
export async function approvedLeaveBetween(
	db: DB,
	q: { userIds?: number[]; departmentId?: number | null; from: string; to: string }
): Promise<ApprovedLeave[]> {
	const rows = await findApprovedLeave(db, q);
	return rows.flatMap((r) => {
		const end = effectiveEnd(r);
		if (compareMoments(end, { date: r.startDate, half: r.startHalf }) < 0) return [];
		if (end.date < q.from) return [];
		return [
			{
				leaveId: r.leaveId,
				userId: r.userId,
				userName: r.userName,
				departmentId: r.departmentId,
				type: r.type,
				startDate: r.startDate,
				startHalf: r.startHalf,
				endDate: end.date,
				endHalf: end.half,
				approvedAt: r.approvedAt
			}
		];
	});
}

/**
 * Approved leave of these people overlapping the instants [from, to) (a meeting's time), with
 * half days: for the planners' conflict warnings.
 */
export async function approvedLeaveOverlapping(
	db: DB,
	userIds: number[],
	from: string,
	to: string,
	timeZone: string
): Promise<(ApprovedLeave & { from: string; to: string })[]> {
	if (!userIds.length) return [];
	// Dates one day wider than the instants on each side cover every zone; the exact check follows.
	const day = (iso: string, shift: number) =>
		new Date(Date.parse(iso) + shift * 86_400_000).toISOString().slice(0, 10);
	const leave = await approvedLeaveBetween(db, { userIds, from: day(from, -1), to: day(to, 1) });
	return leave.flatMap((l) => {
		const span = leaveInterval(l, timeZone);
		return span.from < to && span.to > from ? [{ ...l, ...span }] : [];
	});
}

// ---- called by the leave service, in its transaction ---------------------------------------

async function personOf(trx: DB, userId: number) {
	const p = await findPersonById(trx, userId);
	return { name: p?.name ?? '', roles: p?.roles ?? [] };
}

const canonical = (at: string) => new Date(at).toISOString();

/**
 * Approved: the person is kept off rosters (and the office told when they are already on a
 * published one), meetings in the leave get 请假 with the leave as reason (organisers told), and
 * an approver's 工作代理人 stands in for them. `by` names the decider in the audit rows.
 */
export async function onLeaveApproved(
	trx: DB,
	leave: LinkedLeave,
	at: string,
	by: AuditedBy
): Promise<void> {
	const now = canonical(at);
	const { timeZone } = await getSettings(trx);
	const person = await personOf(trx, leave.applicantId);
	const type = leaveTypeWords(leave.type);
	const dates = leaveDatesWords(leave);

	// (1) Duty: unavailable on every day of the leave (a half day keeps the whole day free).
	await setLeaveUnavailability(trx, by, {
		userId: leave.applicantId,
		leaveId: leave.id,
		startDate: leave.startDate,
		endDate: leave.endDate,
		reason: m.leavelink_unavailable_reason({ type: type(OFFICE) }, OFFICE),
		at: now
	});

	// (2) Already on a published roster on a day of the leave: the office adjusts it.
	const onDuty = await publishedDutyDaysOf(trx, leave.applicantId, leave.startDate, leave.endDate);
	const byPeriod = new Map<number, { periodId: number; periodName: string; dates: string[] }>();
	for (const d of onDuty) {
		const entry = byPeriod.get(d.periodId) ?? {
			periodId: d.periodId,
			periodName: d.periodName,
			dates: []
		};
		if (!entry.dates.includes(d.date)) entry.dates.push(d.date);
		byPeriod.set(d.periodId, entry);
	}
	await tellOfficeOfDutyClash(trx, [...byPeriod.values()], {
		personName: person.name,
		dates,
		days: (list) => (o) =>
			list.map((d) => formatMonthDay(d, undefined, o.locale)).join(o.locale === 'en' ? ', ' : '、')
	});

	// (3) Meetings in the leave: 请假, the organiser told.
	const span = leaveInterval(leave, timeZone);
	const excused = await excuseForLeave(trx, by, {
		userId: leave.applicantId,
		leaveId: leave.id,
		from: span.from,
		to: span.to,
		reason: m.leavelink_reply_reason({ type: type(OFFICE), dates: dates(OFFICE) }, OFFICE),
		at: now
	});
	await tellOrganisers(trx, excused, {
		change: 'excused',
		personId: leave.applicantId,
		personName: person.name,
		type,
		dates
	});

	// (4) An approver away: their 工作代理人 decides in their place meanwhile.
	if (
		leave.coverId &&
		leave.coverId !== leave.applicantId &&
		holdsApproverPosition({ roles: person.roles })
	) {
		const id = await addLeaveDelegation(trx, {
			userId: leave.applicantId,
			delegateId: leave.coverId,
			startDate: leave.startDate,
			endDate: leave.endDate,
			leaveId: leave.id,
			at: now
		});
		if (id !== null) {
			await audit(trx, by, 'approval.delegate', 'approval_delegation', id, {
				userId: leave.applicantId,
				delegateId: leave.coverId,
				startDate: leave.startDate,
				endDate: leave.endDate,
				via: 'leave',
				leaveId: leave.id
			});
		}
	}
}

/**
 * Approved leave withdrawn or cancelled: the duty entry goes, the 请假 replies it gave to
 * meetings still ahead go back to pending (organisers told), the stand-in ends.
 */
export async function onLeaveUndone(
	trx: DB,
	leave: LinkedLeave,
	at: string,
	by: AuditedBy
): Promise<void> {
	const now = canonical(at);
	await setLeaveUnavailability(trx, by, {
		userId: leave.applicantId,
		leaveId: leave.id,
		startDate: leave.startDate,
		endDate: null,
		reason: '',
		at: now
	});
	const restored = await undoLeaveExcuse(trx, by, { leaveId: leave.id, from: now });
	await tellRestored(trx, leave, restored);
	await endDelegation(trx, by, leave, null, now);
}

/**
 * Back early (销假): the duty entry ends on `lastDayOff` (gone when that is before the start),
 * replies of meetings from the return on go back to pending, the stand-in ends with the leave.
 */
export async function onLeaveShortened(
	trx: DB,
	leave: LinkedLeave,
	lastDayOff: string,
	at: string,
	by: AuditedBy
): Promise<void> {
	const now = canonical(at);
	const { timeZone } = await getSettings(trx);
	await setLeaveUnavailability(trx, by, {
		userId: leave.applicantId,
		leaveId: leave.id,
		startDate: leave.startDate,
		endDate: lastDayOff,
		reason: '',
		at: now
	});
	// Back at work from the return half day when given, else the morning after the last day off.
	const back =
		leave.returnDate && leave.returnHalf
			? zonedToInstant(leave.returnDate, leave.returnHalf === 'pm' ? '12:00' : '00:00', timeZone)
			: zonedToInstant(nextDate(lastDayOff), '00:00', timeZone);
	const from = back > now ? back : now;
	const restored = await undoLeaveExcuse(trx, by, { leaveId: leave.id, from });
	await tellRestored(trx, leave, restored);
	await endDelegation(trx, by, leave, lastDayOff < leave.startDate ? null : lastDayOff, now);
}

async function tellRestored(
	trx: DB,
	leave: LinkedLeave,
	rows: Awaited<ReturnType<typeof undoLeaveExcuse>>
) {
	if (!rows.length) return;
	const person = await personOf(trx, leave.applicantId);
	await tellOrganisers(trx, rows, {
		change: 'restored',
		personId: leave.applicantId,
		personName: person.name,
		type: leaveTypeWords(leave.type),
		dates: leaveDatesWords(leave)
	});
}

async function endDelegation(
	trx: DB,
	by: AuditedBy,
	leave: LinkedLeave,
	newEnd: string | null,
	at: string
) {
	if (!leave.coverId) return;
	if (!holdsApproverPosition({ roles: (await personOf(trx, leave.applicantId)).roles })) return;
	await endLeaveDelegation(trx, leave.id, newEnd, at);
	await audit(trx, by, 'approval.delegate_end', 'approval_delegation', null, {
		userId: leave.applicantId,
		delegateId: leave.coverId,
		endDate: newEnd,
		via: 'leave',
		leaveId: leave.id
	});
}
