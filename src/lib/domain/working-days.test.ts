import { describe, expect, it } from 'vitest';
import data from 'chinese-days/dist/chinese-days.json';
import {
	addDays,
	calendarDateIn,
	countWorkingDays,
	daysInMonth,
	eachDate,
	isCalendarDate,
	isoWeekday,
	isWorkingDay,
	type DayKind
} from './working-days';

// The same source the 0002 migration seeds from: make-up workdays are in `workdays`.
const cal = new Map<string, DayKind>([
	...Object.keys(data.holidays).map((d): [string, DayKind] => [d, 'holiday']),
	...Object.keys(data.workdays).map((d): [string, DayKind] => [d, 'workday'])
]);

describe('date helpers', () => {
	it('adds days across month, leap-year and year boundaries', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(addDays('2026-10-01', 0)).toBe('2026-10-01');
	});

	it('lists every date inclusive of both ends', () => {
		expect(eachDate('2026-02-27', '2026-03-02')).toEqual([
			'2026-02-27',
			'2026-02-28',
			'2026-03-01',
			'2026-03-02'
		]);
		expect(eachDate('2026-03-02', '2026-03-02')).toEqual(['2026-03-02']);
		expect(eachDate('2026-03-02', '2026-03-01')).toEqual([]);
	});

	it('rejects strings that are not real dates', () => {
		expect(isCalendarDate('2026-02-29')).toBe(false);
		expect(isCalendarDate('2026-13-40')).toBe(false);
		expect(isCalendarDate('2026-2-9')).toBe(false);
		expect(isCalendarDate('2024-02-29')).toBe(true);
		expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
	});

	it('knows weekdays and month lengths', () => {
		expect(isoWeekday('2026-10-01')).toBe(4); // 国庆节 2026 falls on a Thursday
		expect(isoWeekday('2026-02-15')).toBe(7);
		expect(daysInMonth(2026, 2)).toBe(28);
		expect(daysInMonth(2024, 2)).toBe(29);
		expect(daysInMonth(2026, 12)).toBe(31);
	});

	it('finds the office date of an instant, not the host one', () => {
		expect(calendarDateIn(new Date('2025-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2026-01-01');
		expect(calendarDateIn(new Date('2025-12-31T15:59:59Z'), 'Asia/Shanghai')).toBe('2025-12-31');
	});
});

describe('isWorkingDay with the 2026 State Council schedule', () => {
	it('treats holidays as off, make-up days as on, and other weekends as off', () => {
		expect(isWorkingDay('2026-10-01', cal)).toBe(false); // Thursday, 国庆节
		expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday, 春节调休上班
		expect(isWorkingDay('2026-09-20', cal)).toBe(true); // Sunday, 国庆节调休上班
		expect(isWorkingDay('2026-03-07', cal)).toBe(false); // an ordinary Saturday
		expect(isWorkingDay('2026-03-09', cal)).toBe(true); // an ordinary Monday
	});

	it('uses weekends alone when the calendar is empty', () => {
		expect(isWorkingDay('2026-10-01', new Map())).toBe(true);
		expect(countWorkingDays('2026-02-09', '2026-03-01', new Map())).toBe(15);
	});
});

describe('countWorkingDays', () => {
	it('counts the Spring Festival weeks 2026-02-09 (Mon) … 2026-03-01 (Sun)', () => {
		// Feb 9–13 Mon–Fri: 5; Feb 14 Sat make-up: 1; Feb 15 Sun holiday: 0        → 6
		// Feb 16–22 all holiday                                                  → 0
		// Feb 23 Mon holiday: 0; Feb 24–27 Tue–Fri: 4; Feb 28 Sat make-up: 1; Mar 1 Sun: 0 → 5
		expect(countWorkingDays('2026-02-09', '2026-03-01', cal)).toBe(11);
	});

	it('counts the National Day weeks 2026-09-28 (Mon) … 2026-10-11 (Sun)', () => {
		// Sep 28–30 Mon–Wed: 3; Oct 1–4 Thu–Sun holiday: 0                         → 3
		// Oct 5–7 Mon–Wed holiday: 0; Oct 8–9 Thu–Fri: 2; Oct 10 Sat make-up: 1; Oct 11 Sun: 0 → 3
		expect(countWorkingDays('2026-09-28', '2026-10-11', cal)).toBe(6);
	});

	it('counts a make-up Sunday next to the Mid-Autumn holiday, 2026-09-20 … 09-27', () => {
		// Sep 20 Sun make-up: 1; Sep 21–24 Mon–Thu: 4; Sep 25 Fri 中秋: 0; Sep 26–27 holiday: 0 → 5
		expect(countWorkingDays('2026-09-20', '2026-09-27', cal)).toBe(5);
	});

	it('counts across New Year, 2025-12-29 (Mon) … 2026-01-04 (Sun)', () => {
		// Dec 29–31 Mon–Wed: 3; Jan 1–3 Thu–Sat 元旦: 0; Jan 4 Sun make-up: 1 → 4
		expect(countWorkingDays('2025-12-29', '2026-01-04', cal)).toBe(4);
	});

	it('counts an ordinary week, 2026-03-02 (Mon) … 03-08 (Sun), as five days', () => {
		expect(countWorkingDays('2026-03-02', '2026-03-08', cal)).toBe(5);
	});

	it('counts a single make-up Saturday as one day and a single holiday as none', () => {
		expect(countWorkingDays('2026-02-28', '2026-02-28', cal)).toBe(1);
		expect(countWorkingDays('2026-10-10', '2026-10-10', cal)).toBe(1);
		expect(countWorkingDays('2026-10-01', '2026-10-01', cal)).toBe(0);
	});

	it('counts the whole of 2026', () => {
		// 365 days from Thu Jan 1: 104 weekend days, 261 weekdays. Weekday holidays: 元旦 2,
		// 春节 6, 清明 1, 劳动节 3, 端午 1, 中秋 1, 国庆 5 = 19. Weekend make-up days: Jan 4,
		// Feb 14, Feb 28, May 9, Sep 20, Oct 10 = 6. 261 − 19 + 6 = 248.
		expect(countWorkingDays('2026-01-01', '2026-12-31', cal)).toBe(248);
	});

	it('returns 0 when the end is before the start', () => {
		expect(countWorkingDays('2026-02-10', '2026-02-09', cal)).toBe(0);
	});
});
