import { describe, expect, it } from 'vitest';
import { slotConflict, spreadOf, type DutySlot } from './duty-roster';
import { beijing, holiday } from './duty-roster.test-helpers';

describe('slotConflict', () => {
	const slots = holiday('2026-10-01', 2, 1, 1);
	const slot = (key: string) => slots.find((s) => s.key === key)!;
	const night1 = slot('night:2026-10-01:leader:1');
	const current = [
		{ slot: slot('day:2026-10-01:leader:1'), userId: 1 },
		{ slot: night1, userId: 2 },
		{ slot: slot('night:2026-10-01:officer:1'), userId: 3 },
		{ slot: slot('day:2026-10-02:officer:1'), userId: null }
	];

	it('flags leave on the slot date', () => {
		const leave = [{ userId: 4, startDate: '2026-09-30', endDate: '2026-10-01', reason: '事假' }];
		expect(slotConflict(night1, 4, current, leave)).toBe('unavailable');
		expect(slotConflict(slot('day:2026-10-02:leader:1'), 4, current, leave)).toBeNull();
	});

	it('flags a second place in the same shift', () => {
		expect(slotConflict(night1, 3, current, [])).toBe('same_shift');
	});

	it('flags shifts that touch as back to back', () => {
		expect(slotConflict(night1, 1, current, [])).toBe('back_to_back');
		expect(slotConflict(slot('day:2026-10-02:leader:1'), 2, current, [])).toBe('back_to_back');
	});

	it('flags overlapping shifts', () => {
		const long: DutySlot = {
			...slot('day:2026-10-02:leader:1'),
			key: 'full:2026-10-01:leader:1',
			shiftKey: 'full:2026-10-01',
			date: '2026-10-01',
			startsAt: beijing('2026-10-01', '12:00'),
			endsAt: beijing('2026-10-01', '20:00')
		};
		expect(slotConflict(long, 1, current, [])).toBe('overlap');
	});

	it('is fine otherwise, and ignores the slot’s own current holder', () => {
		expect(slotConflict(night1, 2, current, [])).toBeNull();
		expect(slotConflict(night1, 5, current, [])).toBeNull();
		expect(slotConflict(slot('day:2026-10-02:leader:1'), 1, current, [])).toBeNull();
	});
});

describe('spreadOf', () => {
	it('is max minus min, and 0 for nothing', () => {
		expect(spreadOf([3, 1.5, 4.5])).toBe(3);
		expect(spreadOf([])).toBe(0);
	});
});
