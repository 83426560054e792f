import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import data from 'chinese-days/dist/chinese-days.json';
import {
	annualEntitlement,
	annualEntitlementFor,
	balanceAfter,
	compareMoments,
	DEFAULT_LEAVE_TYPE_RULES,
	earlyReturnDays,
	fullYearsBetween,
	isLeaveType,
	lateDays,
	LEAVE_TYPES,
	leaveDays,
	needsProof,
	nextHalf,
	previousHalf,
	type LeaveHalf,
	type LeaveMoment,
	type LeaveTypeRule
} from './leave';
import { addDays, type DayKind } from './working-days';

// The State Council schedule the app seeds from (holidays and 调休 make-up workdays).
const cal = new Map<string, DayKind>([
	...Object.keys(data.holidays).map((d): [string, DayKind] => [d, 'holiday']),
	...Object.keys(data.workdays).map((d): [string, DayKind] => [d, 'workday'])
]);

const annual = DEFAULT_LEAVE_TYPE_RULES.annual;
const marriage = DEFAULT_LEAVE_TYPE_RULES.marriage;
const maternity = DEFAULT_LEAVE_TYPE_RULES.maternity;
const at = (date: string, half: LeaveHalf = 'am'): LeaveMoment => ({ date, half });
const am = (date: string) => at(date, 'am');
const pm = (date: string) => at(date, 'pm');

describe('leave types', () => {
	it('has the eight types with working days for 年休假, 事假, 病假 and calendar days for 婚假, 产假', () => {
		expect(LEAVE_TYPES).toHaveLength(8);
		expect(LEAVE_TYPES.every(isLeaveType)).toBe(true);
		expect(isLeaveType('outing')).toBe(false);
		const r = DEFAULT_LEAVE_TYPE_RULES;
		expect([r.annual, r.personal, r.sick].map((t) => t.countsWorkingDays)).toEqual([
			true,
			true,
			true
		]);
		expect([r.marriage, r.maternity].map((t) => t.countsWorkingDays)).toEqual([false, false]);
		expect(r.annual.yearlyQuota).toBe('annual');
		expect([r.annual, r.personal, r.sick].every((t) => t.allowsHalfDays)).toBe(true);
	});

	it('asks for a certificate for sick leave beyond one day and for 婚假 always', () => {
		expect(needsProof(1, DEFAULT_LEAVE_TYPE_RULES.sick)).toBe(false);
		expect(needsProof(1.5, DEFAULT_LEAVE_TYPE_RULES.sick)).toBe(true);
		expect(needsProof(3, marriage)).toBe(true);
		expect(needsProof(20, annual)).toBe(false);
	});
});

describe('counting days across 2026 春节 (2月15–23日 off, 2月14日 and 2月28日 调休上班)', () => {
	it('counts the make-up Saturday and skips the holiday for annual leave', () => {
		// Fri 13 pm (0.5) + Sat 14 调休 (1) + 15–23 off + Tue 24 am (0.5).
		expect(leaveDays(pm('2026-02-13'), am('2026-02-24'), annual, cal)).toBe(2);
		// Mon 9 – Fri 13 (5) + 14 (1) + 24–27 (4).
		expect(leaveDays(am('2026-02-09'), pm('2026-02-27'), annual, cal)).toBe(10);
		expect(leaveDays(am('2026-02-28'), pm('2026-02-28'), annual, cal)).toBe(1);
		expect(leaveDays(am('2026-02-22'), pm('2026-02-22'), annual, cal)).toBe(0);
		// An afternoon start on a holiday takes nothing from that day.
		expect(leaveDays(pm('2026-02-16'), pm('2026-02-24'), annual, cal)).toBe(1);
	});

	it('counts every day for a calendar-day type', () => {
		expect(leaveDays(am('2026-02-13'), pm('2026-02-24'), marriage, cal)).toBe(12);
		expect(leaveDays(am('2026-02-15'), pm('2026-02-23'), marriage, cal)).toBe(9);
	});

	it('counts half days within one day', () => {
		expect(leaveDays(am('2026-03-03'), am('2026-03-03'), annual, cal)).toBe(0.5);
		expect(leaveDays(pm('2026-03-03'), pm('2026-03-03'), annual, cal)).toBe(0.5);
		expect(leaveDays(am('2026-03-03'), pm('2026-03-03'), annual, cal)).toBe(1);
		expect(leaveDays(pm('2026-03-03'), am('2026-03-04'), annual, cal)).toBe(1);
	});
});

describe('counting days across 2026 中秋 and 国庆 (9月25–27日, 10月1–7日 off; 9月20日, 10月10日 调休上班)', () => {
	it('skips both holidays and counts the two make-up days', () => {
		expect(leaveDays(am('2026-09-20'), pm('2026-09-20'), annual, cal)).toBe(1);
		// Mon 21 – Thu 24 (4) + 25–27 off + Mon 28 – Wed 30 (3) + 1–7 off + Thu 8 – Fri 9 (2).
		expect(leaveDays(am('2026-09-21'), pm('2026-10-09'), annual, cal)).toBe(9);
		expect(leaveDays(am('2026-09-28'), pm('2026-10-09'), annual, cal)).toBe(5);
		// Thu 8 pm (0.5) + Fri 9 (1) + Sat 10 调休 am (0.5).
		expect(leaveDays(pm('2026-10-08'), am('2026-10-10'), annual, cal)).toBe(2);
	});

	it('gives 98 calendar days of 产假 from 9月20日 to 12月26日, holidays included', () => {
		expect(leaveDays(am('2026-09-20'), pm('2026-12-26'), maternity, cal)).toBe(98);
	});
});

describe('refusals', () => {
	it('refuses an end before the start', () => {
		expect(() => leaveDays(pm('2026-03-03'), am('2026-03-03'), annual, cal)).toThrow(RangeError);
		expect(() => leaveDays(am('2026-03-04'), pm('2026-03-03'), annual, cal)).toThrow(RangeError);
	});

	it('refuses half days on a type taken in whole days', () => {
		expect(() => leaveDays(pm('2026-03-02'), pm('2026-03-06'), marriage, cal)).toThrow(RangeError);
		expect(() => leaveDays(am('2026-03-02'), am('2026-03-06'), marriage, cal)).toThrow(RangeError);
		expect(leaveDays(am('2026-03-02'), pm('2026-03-06'), marriage, cal)).toBe(5);
	});

	it('refuses dates that do not exist and unknown halves', () => {
		expect(() => leaveDays(am('2026-02-29'), pm('2026-03-02'), annual, cal)).toThrow(RangeError);
		const noon = { date: '2026-03-02', half: 'noon' } as unknown as LeaveMoment;
		expect(() => leaveDays(noon, pm('2026-03-02'), annual, cal)).toThrow(RangeError);
	});
});

describe('annual leave by years of service on 1 January', () => {
	it('gives 5 days from one full year, none the day short of it', () => {
		expect(annualEntitlement('2025-01-01', 2026)).toBe(5);
		expect(annualEntitlement('2025-01-02', 2026)).toBe(0);
		expect(annualEntitlement('2025-01-02', 2027)).toBe(5);
	});

	it('gives 10 days from ten years and 15 from twenty, on the anniversary and not the day before', () => {
		expect(annualEntitlement('2016-01-01', 2026)).toBe(10);
		expect(annualEntitlement('2016-01-02', 2026)).toBe(5);
		expect(annualEntitlement('2006-01-01', 2026)).toBe(15);
		expect(annualEntitlement('2006-01-02', 2026)).toBe(10);
		expect(annualEntitlement('1990-07-01', 2026)).toBe(15);
	});

	it('counts completed years: the day before the anniversary is one year short', () => {
		expect(fullYearsBetween('2016-03-15', '2026-03-14')).toBe(9);
		expect(fullYearsBetween('2016-03-15', '2026-03-15')).toBe(10);
		// A tier crossed in March applies from the next 1 January.
		expect(annualEntitlement('2016-03-15', 2026)).toBe(5);
		expect(annualEntitlement('2016-03-15', 2027)).toBe(10);
		// Born into work on 29 February: the anniversary in a common year is 1 March.
		expect(fullYearsBetween('2004-02-29', '2023-02-28')).toBe(18);
		expect(fullYearsBetween('2004-02-29', '2023-03-01')).toBe(19);
		expect(fullYearsBetween('2004-02-29', '2024-02-29')).toBe(20);
		expect(fullYearsBetween('2027-01-01', '2026-01-01')).toBe(0);
	});

	it('pro-rates the year of joining by the calendar days left, rounded down', () => {
		// Sixteen years of service, joins on 1 July: 184 of 365 days × 10 = 5.04 → 5.
		expect(annualEntitlementFor('2010-03-01', '2026-07-01', 2026)).toBe(5);
		// Twenty years, joins on 2 January: 364 / 365 × 15 = 14.96 → 14.
		expect(annualEntitlementFor('2006-01-01', '2026-01-02', 2026)).toBe(14);
		// In a leap year 2 January leaves 365 days: the full 5.
		expect(annualEntitlementFor('2020-01-01', '2028-01-02', 2028)).toBe(5);
		// The years before and after joining.
		expect(annualEntitlementFor('2010-03-01', '2026-07-01', 2025)).toBe(0);
		expect(annualEntitlementFor('2010-03-01', '2026-07-01', 2027)).toBe(10);
		expect(annualEntitlementFor('2010-03-01', null, 2026)).toBe(10);
	});

	it('pro-rates the year the first twelve months of work end', () => {
		// First job on 1 July 2026: nothing in 2026, 184 / 365 × 5 = 2.5 → 2 in 2027, then 5.
		expect(annualEntitlementFor('2026-07-01', '2026-07-01', 2026)).toBe(0);
		expect(annualEntitlementFor('2026-07-01', '2026-07-01', 2027)).toBe(2);
		expect(annualEntitlementFor('2026-07-01', '2026-07-01', 2028)).toBe(5);
		// Twelve months complete on 1 January: the whole year.
		expect(annualEntitlementFor('2025-01-01', null, 2026)).toBe(5);
		// Started on 29 February 2024: twelve months on 1 March 2025, 306 / 365 × 5 = 4.19 → 4.
		expect(annualEntitlementFor('2024-02-29', null, 2025)).toBe(4);
	});

	it('keeps the balance: entitlement − taken + given back', () => {
		expect(balanceAfter(10, 10, 5)).toBe(5);
		expect(balanceAfter(5, 2.5, 0)).toBe(2.5);
		expect(() => balanceAfter(5, 1, 2)).toThrow(RangeError);
		expect(() => balanceAfter(5, -1, 0)).toThrow(RangeError);
	});
});

describe('销假: returning early or late', () => {
	it('gives back the working days not taken when returning early', () => {
		// Approved Mon 2 – Fri 6 March (5 days).
		const end = pm('2026-03-06');
		expect(earlyReturnDays(end, am('2026-03-05'), annual, cal)).toBe(2);
		expect(earlyReturnDays(end, pm('2026-03-06'), annual, cal)).toBe(0.5);
		expect(earlyReturnDays(end, am('2026-03-09'), annual, cal)).toBe(0);
		expect(earlyReturnDays(end, am('2026-03-10'), annual, cal)).toBe(0);
	});

	it('gives back the 调休 Saturday and the days after 春节 when back on 2月14日', () => {
		const taken = leaveDays(am('2026-02-09'), pm('2026-02-27'), annual, cal);
		const back = earlyReturnDays(pm('2026-02-27'), am('2026-02-14'), annual, cal);
		expect([taken, back]).toEqual([10, 5]);
		expect(balanceAfter(10, taken, back)).toBe(5);
	});

	it('finds a return on the first working half day on time, whatever lies in between', () => {
		expect(lateDays(pm('2026-03-06'), am('2026-03-09'), annual, cal)).toBe(0);
		expect(lateDays(pm('2026-09-30'), am('2026-10-08'), annual, cal)).toBe(0);
		expect(lateDays(pm('2026-02-13'), am('2026-02-14'), annual, cal)).toBe(0);
		// A 婚假 ending on Friday: Monday is on time although the weekend is calendar days.
		expect(lateDays(pm('2026-03-06'), am('2026-03-09'), marriage, cal)).toBe(0);
		expect(lateDays(pm('2026-03-06'), am('2026-03-05'), annual, cal)).toBe(0);
	});

	it('counts the days of a late return by the type', () => {
		expect(lateDays(pm('2026-03-06'), pm('2026-03-09'), annual, cal)).toBe(0.5);
		expect(lateDays(pm('2026-03-06'), am('2026-03-10'), annual, cal)).toBe(1);
		expect(lateDays(pm('2026-09-30'), am('2026-10-09'), annual, cal)).toBe(1);
		// Away over 春节 and back on the 24th instead of the 调休 Saturday: one working day late.
		expect(lateDays(pm('2026-02-13'), am('2026-02-24'), annual, cal)).toBe(1);
		// 婚假 back on Tuesday: Saturday, Sunday and Monday.
		expect(lateDays(pm('2026-03-06'), am('2026-03-10'), marriage, cal)).toBe(3);
	});
});

// ---------------------------------------------------------------------------------------------
// Properties over 2025–2027 (the years the calendar above knows)

const dateArb = fc.integer({ min: 0, max: 3 * 365 - 70 }).map((n) => addDays('2025-01-01', n));
const halfArb = fc.constantFrom<LeaveHalf>('am', 'pm');
const ruleArb = fc.record<LeaveTypeRule>({
	countsWorkingDays: fc.boolean(),
	allowsHalfDays: fc.boolean(),
	proofAfterDays: fc.constant(null),
	yearlyQuota: fc.constant(null)
});
/** A valid request for the rule: start ≤ end, whole days when the rule says so. */
const requestArb = fc
	.tuple(ruleArb, dateArb, fc.integer({ min: 0, max: 60 }), halfArb, halfArb)
	.map(([rule, date, span, h1, h2]) => {
		const start = at(date, rule.allowsHalfDays ? h1 : 'am');
		let end = at(addDays(date, span), rule.allowsHalfDays ? h2 : 'pm');
		if (compareMoments(end, start) < 0) end = start;
		return { rule, start, end, span };
	});

describe('leaveDays properties', () => {
	it('is additive when a range is split at a day boundary or at noon', () => {
		fc.assert(
			fc.property(requestArb, fc.nat(), fc.boolean(), ({ rule, start, end }, k, atNoon) => {
				const total = leaveDays(start, end, rule, cal);
				const dayCount = Math.round((Date.parse(end.date) - Date.parse(start.date)) / 86_400_000);
				// The last half day of the first part: the evening of a day, or (half days only) its noon.
				const splitDay = addDays(start.date, dayCount === 0 ? 0 : k % (dayCount + 1));
				const cut = at(splitDay, atNoon && rule.allowsHalfDays ? 'am' : 'pm');
				if (compareMoments(cut, start) < 0 || compareMoments(cut, end) >= 0) return true;
				const first = leaveDays(start, cut, rule, cal);
				const second = leaveDays(nextHalf(cut), end, rule, cal);
				return first + second === total;
			})
		);
	});

	it('is never negative, in half-day steps, and at most the calendar days spanned', () => {
		fc.assert(
			fc.property(requestArb, ({ rule, start, end, span }) => {
				const days = leaveDays(start, end, rule, cal);
				return days >= 0 && Number.isInteger(days * 2) && days <= span + 1;
			})
		);
	});

	it('counts a calendar-day type at least as many days as a working-day type', () => {
		fc.assert(
			fc.property(requestArb, ({ rule, start, end }) => {
				const working = leaveDays(start, end, { ...rule, countsWorkingDays: true }, cal);
				const calendar = leaveDays(start, end, { ...rule, countsWorkingDays: false }, cal);
				return calendar >= working;
			})
		);
	});

	it('splits a leave into the days kept and the days an early return gives back', () => {
		fc.assert(
			fc.property(requestArb, fc.nat(), ({ rule, start, end }, k) => {
				// A return after the first half day and no later than the last one.
				let back = nextHalf(start);
				for (let i = 0; i < k % 40 && compareMoments(back, end) < 0; i++) back = nextHalf(back);
				if (!rule.allowsHalfDays && back.half === 'pm') back = nextHalf(back);
				if (compareMoments(back, end) > 0) return true;
				const kept = leaveDays(start, previousHalf(back), rule, cal);
				const givenBack = earlyReturnDays(end, back, rule, cal);
				return kept + givenBack === leaveDays(start, end, rule, cal) && givenBack >= 0;
			})
		);
	});
});
