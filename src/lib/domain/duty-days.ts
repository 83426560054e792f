import chineseDays from 'chinese-days';
import { addDays } from './working-days';
import { zonedToInstant } from './zoned-time';

/** Default weights: an ordinary holiday day 1, a night shift 1.5, 除夕 and 初一 3 (all editable). */
export const DEFAULT_DAY_WEIGHT = 1;
export const SPECIAL_DAY_WEIGHT = 3;
export const NIGHT_SHIFT_WEIGHT = 1.5;

/** 除夕 (the last day of the lunar year) or 初一 (the first of 正月), else null. */
export function specialDayLabel(date: string): '除夕' | '初一' | null {
	const isNewYear = (d: string) => {
		const l = chineseDays.getLunarDate(d);
		return l.lunarMon === 1 && l.lunarDay === 1 && !l.isLeap;
	};
	if (isNewYear(date)) return '初一';
	if (isNewYear(addDays(date, 1))) return '除夕';
	return null;
}

/** The weight and label a new period gives each of its days. */
export function defaultDay(date: string): { date: string; weight: number; label: string } {
	const label = specialDayLabel(date);
	return { date, weight: label ? SPECIAL_DAY_WEIGHT : DEFAULT_DAY_WEIGHT, label: label ?? '' };
}

export interface ShiftTimes {
	start_time: string; // HH:MM
	end_time: string; // HH:MM
	is_overnight: boolean; // ends the next day (a night shift, or 24 hours when end = start)
}

/**
 * Whether a shift's times make sense: a same-day shift must end after it starts; an overnight
 * one ends the next day, no later than the time it started (at most 24 hours).
 */
export function shiftTimesProblem(s: ShiftTimes): 'ends_before_start' | 'longer_than_a_day' | null {
	if (!s.is_overnight) return s.end_time > s.start_time ? null : 'ends_before_start';
	return s.end_time <= s.start_time ? null : 'longer_than_a_day';
}

/** The UTC instants of one shift on one duty date, in the office's time zone. */
export function shiftInterval(
	date: string,
	s: ShiftTimes,
	timeZone: string
): { startsAt: string; endsAt: string } {
	return {
		startsAt: zonedToInstant(date, s.start_time, timeZone),
		endsAt: zonedToInstant(s.is_overnight ? addDays(date, 1) : date, s.end_time, timeZone)
	};
}
