import { describe, expect, it } from 'vitest';
import { buildPeriodSlots, parseReport, placeKey, sameRoster, toSlot } from './duty-slots';

const days = [
	{ date: '2026-02-16', weight: 3, label: '除夕' },
	{ date: '2026-02-17', weight: 1, label: '' }
];
const shifts = [
	{
		id: 7,
		startTime: '17:30',
		endTime: '08:30',
		isOvernight: true,
		leadersNeeded: 1,
		officersNeeded: 2,
		weight: 1.5
	}
];

describe('buildPeriodSlots', () => {
	it('opens every day × shift × place with its weight, label and times', () => {
		const { slots, places } = buildPeriodSlots(days, shifts, 'Asia/Shanghai', new Map());
		expect(places).toHaveLength(6);
		expect(slots.map((s) => s.key)).toEqual([
			'7:2026-02-16:leader:0',
			'7:2026-02-16:officer:0',
			'7:2026-02-16:officer:1',
			'7:2026-02-17:leader:0',
			'7:2026-02-17:officer:0',
			'7:2026-02-17:officer:1'
		]);
		expect(slots[0]).toMatchObject({
			shiftKey: '7:2026-02-16',
			startsAt: '2026-02-16T09:30:00.000Z',
			endsAt: '2026-02-17T00:30:00.000Z',
			weight: 4.5,
			label: '除夕',
			fixedUserId: null
		});
		expect(slots[3]).toMatchObject({ weight: 1.5, label: null });
		expect(places.every((p) => !p.isLocked)).toBe(true);
	});

	it('keeps the people set by hand on their places', () => {
		const locked = new Map([['7:2026-02-17:officer:1', 42]]);
		const { slots, places } = buildPeriodSlots(days, shifts, 'Asia/Shanghai', locked);
		expect(slots[5].fixedUserId).toBe(42);
		expect(places[5].isLocked).toBe(true);
		expect(places.filter((p) => p.isLocked)).toHaveLength(1);
	});
});

describe('sameRoster', () => {
	it('is true only for the same places with the same people', () => {
		const { places } = buildPeriodSlots(days, shifts, 'Asia/Shanghai', new Map());
		const stored = places.map((p, i) => ({ ...p, userId: i + 1 }));
		expect(sameRoster(stored, places, (i) => i + 1)).toBe(true);
		expect(sameRoster(stored, places, (i) => (i === 2 ? 99 : i + 1))).toBe(false);
		expect(sameRoster(stored.slice(1), places, (i) => i + 1)).toBe(false);
	});
});

describe('toSlot', () => {
	it('is the one mapping from a stored slot', () => {
		const a = {
			id: 5,
			shiftId: 7,
			date: '2026-02-16',
			startsAt: 's',
			endsAt: 'e',
			role: 'leader' as const,
			weight: 4.5,
			label: ''
		};
		expect(toSlot(a)).toEqual({
			key: '5',
			shiftKey: '7:2026-02-16',
			date: '2026-02-16',
			startsAt: 's',
			endsAt: 'e',
			role: 'leader',
			weight: 4.5,
			label: null
		});
		expect(placeKey({ shiftId: 7, date: '2026-02-16', role: 'leader', position: 0 })).toBe(
			'7:2026-02-16:leader:0'
		);
	});
});

describe('parseReport', () => {
	it('reads a stored report and ignores an empty or broken one', () => {
		expect(parseReport('')).toBeNull();
		expect(parseReport('{oops')).toBeNull();
		expect(parseReport('{"slots":3}')).toEqual({ slots: 3 });
	});
});
