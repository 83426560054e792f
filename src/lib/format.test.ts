import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import {
	formatDate,
	formatDateShort,
	formatDateSpan,
	formatDateTime,
	formatDateWeekday,
	formatMonthDay,
	formatSpan,
	formatTime,
	formatTimeRange,
	weekdayName
} from './format';

const TZ = 'Asia/Shanghai';
// 2026-12-07 is a Monday; 14:30 and 16:30 in Beijing.
const START = '2026-12-07T06:30:00.000Z';
const END = '2026-12-07T08:30:00.000Z';
const NEXT_MORNING = '2026-12-08T01:00:00.000Z';

const uiLocale = getLocale;
afterEach(() => overwriteGetLocale(uiLocale));

describe('one date presentation (Chinese)', () => {
	it('formats a calendar date and an instant with the year, 月 and 日, no leading zeros', () => {
		expect(formatDate('2026-12-07')).toBe('2026年12月7日');
		expect(formatDate('2026-01-05')).toBe('2026年1月5日');
		// 23:30 UTC on 31 Dec is already 1 January in Beijing.
		expect(formatDate('2026-12-31T23:30:00.000Z', TZ)).toBe('2027年1月1日');
		expect(formatDate(null)).toBe('—');
	});

	it('adds the weekday as 星期, never 周', () => {
		expect(formatDateWeekday('2026-12-07')).toBe('2026年12月7日（星期一）');
		expect(formatDateWeekday('2026-12-13')).toBe('2026年12月13日（星期日）');
		expect(formatDateShort('2026-12-08')).toBe('12月8日（星期二）');
		expect(formatMonthDay('2026-10-01')).toBe('10月1日');
		expect(weekdayName('2026-12-09')).toBe('星期三');
		expect(weekdayName('2026-12-09', 'narrow')).toBe('三');
		for (const d of ['2026-12-07', '2026-12-08', '2026-12-12', '2026-12-13'])
			expect(formatDateWeekday(d)).not.toMatch(/周/);
	});

	it('formats an instant with its weekday and a 24-hour time', () => {
		expect(formatDateTime(START, TZ)).toBe('2026年12月7日（星期一）14:30');
		expect(formatTime(START, TZ)).toBe('14:30');
		expect(formatDateTime(undefined, TZ)).toBe('—');
		expect(formatDateTime('2026-12-07T06:30:00.000Z', 'Europe/Berlin')).toBe(
			'2026年12月7日（星期一）07:30'
		);
	});

	it('formats a span on one day and across days', () => {
		expect(formatTimeRange(START, END, TZ)).toBe('2026年12月7日（星期一）14:30—16:30');
		expect(formatSpan(START, NEXT_MORNING, TZ)).toBe(
			'2026年12月7日（星期一）14:30—12月8日（星期二）09:00'
		);
		expect(formatSpan('2026-12-31T14:00:00.000Z', '2027-01-01T00:00:00.000Z', TZ)).toBe(
			'2026年12月31日（星期四）22:00—2027年1月1日（星期五）08:00'
		);
		expect(formatSpan(START, null, TZ)).toBe('2026年12月7日（星期一）14:30');
	});

	it('formats a run of calendar dates with the year once', () => {
		expect(formatDateSpan('2026-10-01', '2026-10-08')).toBe('2026年10月1日—10月8日');
		expect(formatDateSpan('2026-12-30', '2027-01-02')).toBe('2026年12月30日—2027年1月2日');
		expect(formatDateSpan('2026-10-01', '2026-10-01')).toBe('2026年10月1日');
	});

	it('reads instants outside the cached years through Intl, with the same result shape', () => {
		expect(formatDateTime('1850-06-03T04:00:00.000Z', 'UTC')).toBe('1850年6月3日（星期一）04:00');
	});

	it('never shows an ISO date', () => {
		for (const s of [
			formatDate(START, TZ),
			formatDateTime(START, TZ),
			formatSpan(START, NEXT_MORNING, TZ)
		])
			expect(s).not.toMatch(/\d{4}-\d{2}-\d{2}/);
	});
});

describe('one date presentation (English)', () => {
	it('follows the reader’s UI language', () => {
		overwriteGetLocale(() => 'en');
		expect(formatDate('2026-12-07')).toBe('7 Dec 2026');
		expect(formatDateWeekday('2026-12-07')).toBe('Mon 7 Dec 2026');
		expect(formatDateShort('2026-12-08')).toBe('Tue 8 Dec');
		expect(formatMonthDay('2026-10-01')).toBe('1 Oct');
		expect(formatDateTime(START, TZ)).toBe('Mon 7 Dec 2026 14:30');
		expect(formatTimeRange(START, END, TZ)).toBe('Mon 7 Dec 2026 14:30–16:30');
		expect(formatSpan(START, NEXT_MORNING, TZ)).toBe('Mon 7 Dec 2026 14:30 – Tue 8 Dec 09:00');
		expect(formatDateSpan('2026-10-01', '2026-10-08')).toBe('1 Oct – 8 Oct 2026');
		expect(weekdayName('2026-12-09')).toBe('Wed');
		expect(weekdayName('2026-12-09', 'narrow')).toBe('W');
	});

	it('takes an explicit locale for texts stored in the office language', () => {
		overwriteGetLocale(() => 'en');
		expect(formatDateTime(START, TZ, 'zh-CN')).toBe('2026年12月7日（星期一）14:30');
	});
});

describe('speed', () => {
	it('formats 100 000 spans fast (cached offsets, no Intl formatter per call)', () => {
		const t0 = performance.now();
		let n = 0;
		for (let i = 0; i < 100_000; i++) {
			const s = new Date(Date.parse(START) + i * 60_000).toISOString();
			n += formatSpan(s, END, TZ).length;
		}
		const ms = performance.now() - t0;
		expect(n).toBeGreaterThan(0);
		expect(ms).toBeLessThan(2_000);
	});
});
