/**
 * Pure helpers for 外出报备 and the 在岗情况 board (no database): when an outing really ended,
 * whether two outings overlap, an outing's state at a moment, and which halves of a date a
 * leave request takes off once a 销假 return is counted.
 */
import { compareMoments, type LeaveHalf, type LeaveMoment } from '$lib/domain/leave';
import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import type { OutingStatus } from '../db/schema-leave';

export interface OutingTimes {
	date: string;
	outAt: string;
	backBy: string;
	status: OutingStatus;
	backAt: string | null;
}

/** HH:MM when the outing ended or will end: the 我已返回 time when back earlier, else back-by. */
export function outingEnd(o: OutingTimes, timeZone: string): string {
	if (o.status !== 'back' || !o.backAt) return o.backBy;
	if (instantToZonedDate(o.backAt, timeZone) !== o.date) return o.backBy;
	const back = instantToZonedTime(o.backAt, timeZone);
	return back < o.backBy ? (back > o.outAt ? back : o.outAt) : o.backBy;
}

/** Whether [outAt, backBy) overlaps an existing outing's time (ended early ones end earlier). */
export function overlapsOuting(
	outAt: string,
	backBy: string,
	other: OutingTimes,
	timeZone: string
): boolean {
	if (other.status === 'cancelled') return false;
	return outAt < outingEnd(other, timeZone) && other.outAt < backBy;
}

/** 待外出 / 外出中 / 超时未返回 / 已返回 / 已取消. */
export type OutingState = 'planned' | 'out' | 'overdue' | 'back' | 'cancelled';

/** The state of an outing seen at `today` `nowTime` (the office's date and HH:MM). */
export function outingState(o: OutingTimes, today: string, nowTime: string): OutingState {
	if (o.status === 'cancelled') return 'cancelled';
	if (o.status === 'back') return 'back';
	if (o.date > today || (o.date === today && nowTime < o.outAt)) return 'planned';
	if (o.date < today || nowTime > o.backBy) return 'overdue';
	return 'out';
}

export interface LeaveSpan {
	startDate: string;
	startHalf: LeaveHalf;
	endDate: string;
	endHalf: LeaveHalf;
	/** 销假: the first half day back at work, when reported. */
	returnDate: string | null;
	returnHalf: LeaveHalf | null;
}

/**
 * Which halves of `date` the leave takes off: inside start…end, and before the 销假 return
 * when there is one (an early return gives the rest back). 'day' for both, 'am' / 'pm' for one.
 */
export function leaveHalvesOn(l: LeaveSpan, date: string): 'day' | LeaveHalf | null {
	const start: LeaveMoment = { date: l.startDate, half: l.startHalf };
	const end: LeaveMoment = { date: l.endDate, half: l.endHalf };
	const back: LeaveMoment | null =
		l.returnDate && l.returnHalf ? { date: l.returnDate, half: l.returnHalf } : null;
	const off = (half: LeaveHalf) => {
		const m: LeaveMoment = { date, half };
		return (
			compareMoments(m, start) >= 0 &&
			compareMoments(m, end) <= 0 &&
			(back === null || compareMoments(m, back) < 0)
		);
	};
	const am = off('am');
	const pm = off('pm');
	if (am && pm) return 'day';
	if (am) return 'am';
	if (pm) return 'pm';
	return null;
}
