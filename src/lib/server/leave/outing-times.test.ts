import { describe, expect, it } from 'vitest';
import { leaveHalvesOn, outingEnd, outingState, overlapsOuting } from './outing-times';

const TZ = 'Asia/Shanghai';
const out = {
	date: '2026-12-07',
	outAt: '10:00',
	backBy: '12:00',
	status: 'out' as const,
	backAt: null
};

describe('outing times', () => {
	it('an outing ends at its back-by time, or earlier when marked back earlier', () => {
		expect(outingEnd(out, TZ)).toBe('12:00');
		const back = { ...out, status: 'back' as const };
		expect(outingEnd({ ...back, backAt: '2026-12-07T03:15:00.000Z' }, TZ)).toBe('11:15');
		expect(outingEnd({ ...back, backAt: '2026-12-07T05:00:00.000Z' }, TZ)).toBe('12:00');
		// Marked back before it began (a mistake): it took no time.
		expect(outingEnd({ ...back, backAt: '2026-12-07T01:00:00.000Z' }, TZ)).toBe('10:00');
	});

	it('overlap is on half-open times; cancelled outings never overlap', () => {
		expect(overlapsOuting('11:00', '13:00', out, TZ)).toBe(true);
		expect(overlapsOuting('12:00', '13:00', out, TZ)).toBe(false);
		expect(overlapsOuting('08:00', '10:00', out, TZ)).toBe(false);
		expect(overlapsOuting('08:00', '13:00', { ...out, status: 'cancelled' }, TZ)).toBe(false);
	});

	it('states: planned, out, overdue, back', () => {
		expect(outingState(out, '2026-12-07', '09:59')).toBe('planned');
		expect(outingState(out, '2026-12-07', '10:00')).toBe('out');
		expect(outingState(out, '2026-12-07', '12:01')).toBe('overdue');
		expect(outingState(out, '2026-12-08', '08:00')).toBe('overdue');
		expect(outingState(out, '2026-12-06', '23:00')).toBe('planned');
		expect(outingState({ ...out, status: 'back' }, '2026-12-07', '12:01')).toBe('back');
	});

	it('leave halves of a date, with an early 销假 return', () => {
		const l = {
			startDate: '2026-12-07',
			startHalf: 'pm' as const,
			endDate: '2026-12-09',
			endHalf: 'am' as const,
			returnDate: null,
			returnHalf: null
		};
		expect(leaveHalvesOn(l, '2026-12-06')).toBeNull();
		expect(leaveHalvesOn(l, '2026-12-07')).toBe('pm');
		expect(leaveHalvesOn(l, '2026-12-08')).toBe('day');
		expect(leaveHalvesOn(l, '2026-12-09')).toBe('am');
		const back = { ...l, returnDate: '2026-12-08', returnHalf: 'pm' as const };
		expect(leaveHalvesOn(back, '2026-12-08')).toBe('am');
		expect(leaveHalvesOn(back, '2026-12-09')).toBeNull();
		expect(
			leaveHalvesOn({ ...l, returnDate: '2026-12-08', returnHalf: 'am' }, '2026-12-08')
		).toBeNull();
	});
});
