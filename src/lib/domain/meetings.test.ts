import { describe, expect, it } from 'vitest';
import { isClassified, meetingPhase, overlaps } from './meetings';

const m = { startsAt: '2026-12-01T01:30:00.000Z', endsAt: '2026-12-01T03:00:00.000Z' };

describe('meetingPhase', () => {
	it('follows the clock once the notice is issued', () => {
		expect(meetingPhase({ ...m, status: 'issued' }, new Date('2026-12-01T01:00:00Z'))).toBe(
			'issued'
		);
		expect(meetingPhase({ ...m, status: 'issued' }, new Date('2026-12-01T01:30:00Z'))).toBe(
			'in_progress'
		);
		expect(meetingPhase({ ...m, status: 'issued' }, new Date('2026-12-01T03:00:00Z'))).toBe(
			'ended'
		);
	});

	it('keeps drafts and cancelled meetings as they are', () => {
		const later = new Date('2027-01-01T00:00:00Z');
		expect(meetingPhase({ ...m, status: 'draft' }, later)).toBe('draft');
		expect(meetingPhase({ ...m, status: 'cancelled' }, later)).toBe('cancelled');
	});
});

describe('overlaps', () => {
	it('treats touching meetings as free and nested ones as clashing', () => {
		expect(overlaps('09:00', '10:00', '10:00', '11:00')).toBe(false);
		expect(overlaps('09:00', '10:30', '10:00', '11:00')).toBe(true);
		expect(overlaps('09:00', '12:00', '10:00', '11:00')).toBe(true);
	});
});

describe('isClassified', () => {
	it('covers 秘密 and 机密 only', () => {
		expect(
			['none', 'internal', 'secret', 'confidential'].map((c) => isClassified(c as never))
		).toEqual([false, false, true, true]);
	});
});
