/**
 * Leave (请假) in words, for pages, notices and mail alike (no server imports): type and status
 * names, days from stored half days, and a request's one-line summary.
 */
import * as m from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { LeaveHalf, LeaveType } from '$lib/domain/leave';
import { formatMonthDay, OFFICE_TIME_ZONE } from '$lib/format';

type Opt = { locale?: Locale };

const TYPE_NAMES: Record<LeaveType, (i: object, o?: Opt) => string> = {
	annual: m.leave_type_annual,
	personal: m.leave_type_personal,
	sick: m.leave_type_sick,
	marriage: m.leave_type_marriage,
	maternity: m.leave_type_maternity,
	paternity: m.leave_type_paternity,
	bereavement: m.leave_type_bereavement,
	home_visit: m.leave_type_home_visit
};

export function leaveTypeName(t: LeaveType, o?: Opt): string {
	return TYPE_NAMES[t]({}, o);
}

export type LeaveStatusWord =
	'pending' | 'approved' | 'sent_back' | 'withdrawn' | 'cancelled' | 'reported';

const STATUS_NAMES: Record<LeaveStatusWord, (i: object, o?: Opt) => string> = {
	pending: m.leave_status_pending,
	approved: m.leave_status_approved,
	sent_back: m.leave_status_sent_back,
	withdrawn: m.leave_status_withdrawn,
	cancelled: m.leave_status_cancelled,
	reported: m.leave_status_reported
};

export function leaveStatusName(s: LeaveStatusWord, o?: Opt): string {
	return STATUS_NAMES[s]({}, o);
}

/** The tag tone of a status (app.css `.tag`). */
export function leaveStatusTone(s: LeaveStatusWord): string {
	if (s === 'approved') return 'green';
	if (s === 'pending') return 'blue';
	if (s === 'sent_back') return 'red';
	if (s === 'reported') return 'green';
	return '';
}

/** 3 / 2.5 from stored half days. */
export function daysText(halfDays: number): string {
	return String(halfDays / 2);
}

export function halfName(h: LeaveHalf, o?: Opt): string {
	return h === 'am' ? m.leave_half_am({}, o) : m.leave_half_pm({}, o);
}

/** 12月8日下午 — 12月10日上午: a half is named only when the day is not whole at that end. */
export function leaveSpanText(
	l: { startDate: string; startHalf: LeaveHalf; endDate: string; endHalf: LeaveHalf },
	o?: Opt
): string {
	const from =
		formatMonthDay(l.startDate, OFFICE_TIME_ZONE, o?.locale) +
		(l.startHalf === 'pm' ? halfName('pm', o) : '');
	const to =
		formatMonthDay(l.endDate, OFFICE_TIME_ZONE, o?.locale) +
		(l.endHalf === 'am' ? halfName('am', o) : '');
	return l.startDate === l.endDate && l.startHalf === 'am' && l.endHalf === 'pm'
		? from
		: `${from}—${to}`;
}

/** 年休假 12月8日—12月10日 · 3天 */
export function leaveSummary(
	l: {
		type: LeaveType;
		startDate: string;
		startHalf: LeaveHalf;
		endDate: string;
		endHalf: LeaveHalf;
		halfDays: number;
	},
	o?: Opt
): string {
	return m.leave_summary(
		{ type: leaveTypeName(l.type, o), span: leaveSpanText(l, o), days: daysText(l.halfDays) },
		o
	);
}
