import { describe, expect, it } from 'vitest';
import { exchangeProblem, movesOf, type SwapRoster } from './duty-swaps';
import type { RosterSlot } from './duty-slots';

// Two days of a day shift (08:30–17:30) and a night shift (17:30–08:30), one officer each.
const slot = (
	id: number,
	shiftId: number,
	date: string,
	from: string,
	to: string,
	userId: number
) =>
	({
		id,
		shiftId,
		date,
		startsAt: from,
		endsAt: to,
		role: 'officer',
		weight: 1,
		label: '',
		userId
	}) satisfies RosterSlot;

const day1 = slot(1, 10, '2026-10-01', '2026-10-01T00:30:00Z', '2026-10-01T09:30:00Z', 1);
const night1 = slot(2, 20, '2026-10-01', '2026-10-01T09:30:00Z', '2026-10-02T00:30:00Z', 2);
const day2 = slot(3, 10, '2026-10-02', '2026-10-02T00:30:00Z', '2026-10-02T09:30:00Z', 3);
const night2 = slot(4, 20, '2026-10-02', '2026-10-02T09:30:00Z', '2026-10-03T00:30:00Z', 4);

const roster = (over: Partial<SwapRoster> = {}): SwapRoster => ({
	slots: [day1, night1, day2, night2],
	around: [],
	shiftNames: new Map([
		[10, '白班'],
		[20, '夜班']
	]),
	exempt: new Map(),
	unavailable: [],
	...over
});

describe('movesOf', () => {
	it('hands one slot over, or exchanges two', () => {
		expect(movesOf('handover', day1, null, 1, 5)).toEqual([{ slotId: 1, userId: 5 }]);
		expect(movesOf('swap', day1, day2, 1, 3)).toEqual([
			{ slotId: 1, userId: 3 },
			{ slotId: 3, userId: 1 }
		]);
	});
});

describe('exchangeProblem', () => {
	it('allows a hand-over to someone free', () => {
		expect(exchangeProblem(roster(), movesOf('handover', day1, null, 1, 5))).toBeNull();
	});

	it('finds leave, naming its reason', () => {
		const unavailable = [
			{ userId: 5, startDate: '2026-10-01', endDate: '2026-10-01', reason: '出差' }
		];
		expect(
			exchangeProblem(roster({ unavailable }), movesOf('handover', day1, null, 1, 5))
		).toMatchObject({
			kind: 'unavailable',
			userId: 5,
			slot: { id: 1 },
			reason: '出差'
		});
	});

	it('finds an exemption', () => {
		const exempt = new Map([[5, '孕期']]);
		expect(
			exchangeProblem(roster({ exempt }), movesOf('handover', day1, null, 1, 5))
		).toMatchObject({
			kind: 'exempt',
			reason: '孕期'
		});
	});

	it('finds back-to-back shifts, also with a slot in a neighbouring period', () => {
		// The night-1 officer taking day 1 as well would serve 08:30 to 08:30 the next day.
		expect(exchangeProblem(roster(), movesOf('handover', day1, null, 1, 2))).toMatchObject({
			kind: 'back_to_back',
			userId: 2
		});
		const before = slot(9, 99, '2026-09-30', '2026-09-30T09:30:00Z', '2026-10-01T00:30:00Z', 5);
		expect(
			exchangeProblem(roster({ around: [before] }), movesOf('handover', day1, null, 1, 5))
		).toMatchObject({ kind: 'back_to_back', userId: 5 });
	});

	it('checks both sides of a swap with the slots already moved', () => {
		// Day 1 ⇄ day 2: each lands on a day shift with nothing touching it.
		expect(exchangeProblem(roster(), movesOf('swap', day1, day2, 1, 3))).toBeNull();
		// Day 1 ⇄ night 2, night 1 ⇄ day 2: nobody ends up on two touching shifts.
		expect(exchangeProblem(roster(), movesOf('swap', day1, night2, 1, 4))).toBeNull();
		expect(exchangeProblem(roster(), movesOf('swap', night1, day2, 2, 3))).toBeNull();
		// Night 1 → the day-2 officer (hand-over): 3 would serve night 1 and day 2 back to back.
		expect(exchangeProblem(roster(), movesOf('handover', night1, null, 2, 3))).toMatchObject({
			kind: 'back_to_back',
			userId: 3
		});
	});
});
