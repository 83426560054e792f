/**
 * Leave (请假) rules without I/O: the leave types and their settings, counting a request's days
 * in half-day steps against the State Council holiday calendar (调休 make-up workdays count),
 * annual-leave entitlement by years of service, and the days 销假 gives back or finds late.
 * Dates are YYYY-MM-DD strings, as in `working-days.ts`.
 */
import {
	addDays,
	eachDate,
	isCalendarDate,
	isWorkingDay,
	type HolidayCalendar
} from './working-days';

/**
 * 年休假 annual, 事假 personal, 病假 sick, 婚假 marriage, 产假 maternity, 陪产假 paternity,
 * 丧假 bereavement, 探亲假 home_visit. The names users see are messages, added with the pages.
 */
export const LEAVE_TYPES = [
	'annual',
	'personal',
	'sick',
	'marriage',
	'maternity',
	'paternity',
	'bereavement',
	'home_visit'
] as const;
export type LeaveType = (typeof LEAVE_TYPES)[number];

export function isLeaveType(v: string): v is LeaveType {
	return (LEAVE_TYPES as readonly string[]).includes(v);
}

export interface LeaveTypeRule {
	/** true: weekends and holidays are not counted, 调休 make-up workdays are; false: every day. */
	countsWorkingDays: boolean;
	/** Whether a request may start in the afternoon or end at noon. */
	allowsHalfDays: boolean;
	/** Proof (医院证明, 结婚证 …) is required when a request is longer than this; 0 = always. */
	proofAfterDays: number | null;
	/**
	 * Days per calendar year: 'annual' = by years of service (`annualEntitlement`), a number = a
	 * fixed yearly allowance, null = no yearly quota (granted per event or not capped here).
	 */
	yearlyQuota: 'annual' | number | null;
}

/**
 * The defaults; the administrator can change each setting later.
 *
 * - 年休假: 职工带薪年休假条例 第三条 — 国家法定休假日、休息日不计入年休假的假期, so working days;
 *   half days are usual practice; quota by years of service.
 * - 事假, 病假: taken off working time, so working days and half days (an afternoon at the
 *   doctor). 病假 needs a hospital certificate beyond one day; 事假 has no statutory quota.
 * - 婚假, 产假: counted in calendar days, holidays and weekends included — 女职工劳动保护特别规定
 *   gives 产假 as 98 天 and provinces state 婚假 as consecutive days; the certificate is always
 *   needed. They are granted per event, so no yearly quota and no half days.
 * - 陪产假: granted per birth by provincial rules as consecutive days, so calendar days like 产假.
 * - 丧假: one to three days off work (原国家劳动总局 1980), so working days, whole days.
 * - 探亲假: 国务院关于职工探亲待遇的规定 — "上述假期均包括公休假日和法定节日在内", so calendar days;
 *   the entitlement depends on the family (配偶 30 days a year, parents 20 days a year or every
 *   four years), which the service decides per person, hence no fixed quota here.
 */
export const DEFAULT_LEAVE_TYPE_RULES: Readonly<Record<LeaveType, LeaveTypeRule>> = {
	annual: {
		countsWorkingDays: true,
		allowsHalfDays: true,
		proofAfterDays: null,
		yearlyQuota: 'annual'
	},
	personal: {
		countsWorkingDays: true,
		allowsHalfDays: true,
		proofAfterDays: null,
		yearlyQuota: null
	},
	sick: { countsWorkingDays: true, allowsHalfDays: true, proofAfterDays: 1, yearlyQuota: null },
	marriage: {
		countsWorkingDays: false,
		allowsHalfDays: false,
		proofAfterDays: 0,
		yearlyQuota: null
	},
	maternity: {
		countsWorkingDays: false,
		allowsHalfDays: false,
		proofAfterDays: 0,
		yearlyQuota: null
	},
	paternity: {
		countsWorkingDays: false,
		allowsHalfDays: false,
		proofAfterDays: 0,
		yearlyQuota: null
	},
	bereavement: {
		countsWorkingDays: true,
		allowsHalfDays: false,
		proofAfterDays: null,
		yearlyQuota: null
	},
	home_visit: {
		countsWorkingDays: false,
		allowsHalfDays: false,
		proofAfterDays: null,
		yearlyQuota: null
	}
};

/** Whether a request of `days` of this type needs proof attached. */
export function needsProof(days: number, rule: LeaveTypeRule): boolean {
	return rule.proofAfterDays !== null && days > rule.proofAfterDays;
}

// ---------------------------------------------------------------------------------------------
// Half days

export type LeaveHalf = 'am' | 'pm';

/**
 * A half day. A request's start is the first half-day off ('pm' = from noon); its end is the last
 * half-day off ('am' = back at work in the afternoon). A 销假 return is the first half-day back at
 * work.
 */
export interface LeaveMoment {
	date: string;
	half: LeaveHalf;
}

function checkMoment(m: LeaveMoment): void {
	if (!isCalendarDate(m.date) || (m.half !== 'am' && m.half !== 'pm')) {
		throw new RangeError(`not a half day: ${m.date} ${m.half}`);
	}
}

/** Negative when `a` is the earlier half day, 0 when the same, positive when later. */
export function compareMoments(a: LeaveMoment, b: LeaveMoment): number {
	if (a.date !== b.date) return a.date < b.date ? -1 : 1;
	if (a.half === b.half) return 0;
	return a.half === 'am' ? -1 : 1;
}

/** The half day right after `m` (the afternoon, or the next morning). */
export function nextHalf(m: LeaveMoment): LeaveMoment {
	return m.half === 'am' ? { date: m.date, half: 'pm' } : { date: addDays(m.date, 1), half: 'am' };
}

/** The half day right before `m` (the morning, or the previous afternoon). */
export function previousHalf(m: LeaveMoment): LeaveMoment {
	return m.half === 'pm' ? { date: m.date, half: 'am' } : { date: addDays(m.date, -1), half: 'pm' };
}

/**
 * The days a request from `start` to `end` (both half days included) takes, in 0.5 steps:
 * a working-day type skips weekends and holidays and counts 调休 make-up workdays; a calendar-day
 * type counts every day. A range with no counted day gives 0 (leave over a weekend), which the
 * service refuses. Throws RangeError for an end before the start, a date that does not exist,
 * or a half day on a type that takes whole days only.
 */
export function leaveDays(
	start: LeaveMoment,
	end: LeaveMoment,
	rule: LeaveTypeRule,
	cal: HolidayCalendar
): number {
	checkMoment(start);
	checkMoment(end);
	if (compareMoments(end, start) < 0) {
		throw new RangeError(`leave ends before it starts: ${end.date} ${end.half}`);
	}
	if (!rule.allowsHalfDays && (start.half === 'pm' || end.half === 'am')) {
		throw new RangeError('this leave type is taken in whole days');
	}
	const counted = (date: string) => !rule.countsWorkingDays || isWorkingDay(date, cal);
	let halves = 0;
	for (const date of eachDate(start.date, end.date)) if (counted(date)) halves += 2;
	if (start.half === 'pm' && counted(start.date)) halves -= 1;
	if (end.half === 'am' && counted(end.date)) halves -= 1;
	return halves / 2;
}

// ---------------------------------------------------------------------------------------------
// Annual leave (职工带薪年休假条例 第三条 and its 实施办法)

export type AnnualDays = 0 | 5 | 10 | 15;

/** Whole years from `from` to `on`; an anniversary on 29 February is reached on 1 March. */
export function fullYearsBetween(from: string, on: string): number {
	if (!isCalendarDate(from) || !isCalendarDate(on)) {
		throw new RangeError(`not a calendar date: ${from} / ${on}`);
	}
	let years = Number(on.slice(0, 4)) - Number(from.slice(0, 4));
	if (on.slice(5) < from.slice(5)) years -= 1;
	return Math.max(0, years);
}

/** 1 ≤ years < 10 → 5; 10 ≤ years < 20 → 10; ≥ 20 → 15; under one year → 0. */
export function annualDaysForService(years: number): AnnualDays {
	if (years >= 20) return 15;
	if (years >= 10) return 10;
	if (years >= 1) return 5;
	return 0;
}

/**
 * A year's annual leave by total years of service (累计工作时间, from the work start date, not the
 * date of joining this office) completed by 1 January of that year. Chosen boundary: a person
 * whose 10th anniversary falls on 1 January has 10 days that year; one whose anniversary is
 * 2 January gets 10 days only the year after — crossing a tier during the year takes effect on
 * the next 1 January, so a balance never changes mid-year. See `annualEntitlementFor` for the
 * first year.
 */
export function annualEntitlement(workStartDate: string, year: number): AnnualDays {
	return annualDaysForService(fullYearsBetween(workStartDate, `${year}-01-01`));
}

/** The day twelve months of work are complete; 29 February's is 1 March. */
function firstAnniversary(workStartDate: string): string {
	if (!isCalendarDate(workStartDate)) throw new RangeError(`not a calendar date: ${workStartDate}`);
	const same = `${String(Number(workStartDate.slice(0, 4)) + 1).padStart(4, '0')}${workStartDate.slice(4)}`;
	return isCalendarDate(same) ? same : `${same.slice(0, 4)}-03-01`;
}

/**
 * The year's annual leave with the first year pro-rated (实施办法: 新进单位当年度按剩余日历天数折算): a person who joins this
 * office during the year (`joinDate`), or whose first twelve months of work end during it, gets
 * (remaining calendar days of the year from that day, that day included ÷ 365) × the days of
 * their service tier on that day, rounded down to whole days ("折算后不足1整天的部分不享受").
 * Otherwise, and from the following year on, it is `annualEntitlement`. A `joinDate` after the
 * year gives 0; one before it is ignored.
 */
export function annualEntitlementFor(
	workStartDate: string,
	joinDate: string | null,
	year: number
): number {
	const first = `${year}-01-01`;
	const last = `${year}-12-31`;
	const from = [first, joinDate ?? first, firstAnniversary(workStartDate)].reduce((a, b) =>
		a > b ? a : b
	);
	if (from > last) return 0;
	if (from === first) return annualEntitlement(workStartDate, year);
	const tier = annualDaysForService(fullYearsBetween(workStartDate, from));
	const remaining = eachDate(from, last).length;
	return Math.floor((remaining * tier) / 365);
}

/** Days left: the entitlement minus the days taken plus those given back by 销假. */
export function balanceAfter(entitlement: number, takenDays: number, returnedDays: number): number {
	if (entitlement < 0 || takenDays < 0 || returnedDays < 0 || returnedDays > takenDays) {
		throw new RangeError(`balance: ${entitlement} / ${takenDays} / ${returnedDays}`);
	}
	return entitlement - takenDays + returnedDays;
}

// ---------------------------------------------------------------------------------------------
// 销假

/**
 * The days given back by returning early (`actualReturn` = the first half day back at work,
 * before the approved leave ended): the days of the type's count from that return to the approved
 * end. 0 when on time or late. The return is taken to be after the approved start — coming back
 * before the leave began is a cancellation, which the service handles.
 */
export function earlyReturnDays(
	approvedEnd: LeaveMoment,
	actualReturn: LeaveMoment,
	rule: LeaveTypeRule,
	cal: HolidayCalendar
): number {
	checkMoment(approvedEnd);
	checkMoment(actualReturn);
	if (compareMoments(actualReturn, approvedEnd) > 0) return 0;
	return leaveDays(actualReturn, approvedEnd, rule, cal);
}

/**
 * The days someone came back late: the days of the type's count after the approved end and
 * before `actualReturn`. Returning at the first working half day after the leave is on time
 * whatever the type — after a 婚假 ending on a Friday, Monday morning is on time, although the
 * weekend in between is calendar days. The late days go through the same chain as an extension.
 */
export function lateDays(
	approvedEnd: LeaveMoment,
	actualReturn: LeaveMoment,
	rule: LeaveTypeRule,
	cal: HolidayCalendar
): number {
	checkMoment(approvedEnd);
	checkMoment(actualReturn);
	let due = nextHalf(approvedEnd);
	// A holiday calendar has at most a few weeks off in a row; 366 guards a broken one.
	for (let i = 0; i < 366 && !isWorkingDay(due.date, cal); i++) {
		due = { date: addDays(due.date, 1), half: 'am' };
	}
	if (compareMoments(actualReturn, due) <= 0) return 0;
	return leaveDays(nextHalf(approvedEnd), previousHalf(actualReturn), rule, cal);
}
