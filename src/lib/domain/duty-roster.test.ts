import { describe, expect, it } from 'vitest';
import { generateRoster, type RosterInput, type RosterResult } from './duty-roster';
import { sampleRosterInput } from './duty-roster.sample';
import {
	addDays,
	holders,
	holiday,
	input,
	pool,
	range,
	violations
} from './duty-roster.test-helpers';

describe('generateRoster', () => {
	it('assigns nobody on leave on those dates and nobody exempt at all', () => {
		const slots = holiday('2026-10-01', 7, 1, 2);
		const rosterInput = input({
			slots,
			pools: { leader: pool(range(1, 4)), officer: pool(range(11, 20), 10) },
			unavailable: [
				{ userId: 1, startDate: '2026-10-01', endDate: '2026-10-04', reason: '年休假' },
				{ userId: 11, startDate: '2026-10-03', endDate: '2026-10-03', reason: '病假' },
				{ userId: 12, startDate: '2026-09-20', endDate: '2026-10-07', reason: '产假' }
			],
			exempt: new Set([2, 13])
		});
		const result = generateRoster(rosterInput);
		const who = holders(slots, result);

		for (const slot of slots) {
			const userId = who.get(slot.key);
			if (slot.date <= '2026-10-04') expect(userId).not.toBe(1);
			if (slot.date === '2026-10-03') expect(userId).not.toBe(11);
			expect(userId).not.toBe(12);
			expect(userId).not.toBe(2);
			expect(userId).not.toBe(13);
		}
		// Leader 1 is back after the leave and takes a share of the rest.
		expect(result.loads.get(1)?.shifts).toBeGreaterThan(0);
		expect(result.unfilled).toEqual([]);
		expect(violations(rosterInput, result)).toEqual([]);
	});

	it('gives the same roster for the same input, whatever order the lists come in', () => {
		const opts = {
			people: 120,
			days: 20,
			shiftsPerDay: 2,
			leadersPerShift: 1,
			officersPerShift: 2,
			pastYears: 3,
			seed: 7
		};
		const a = sampleRosterInput(opts);
		const first = generateRoster(a);
		expect(generateRoster(sampleRosterInput(opts))).toEqual(first);
		expect(generateRoster(a)).toEqual(first);

		const shuffled: RosterInput = {
			slots: [...a.slots].reverse(),
			pools: { leader: [...a.pools.leader].reverse(), officer: [...a.pools.officer].reverse() },
			ledger: new Map([...a.ledger].reverse()),
			unavailable: [...a.unavailable].reverse(),
			exempt: new Set([...a.exempt].reverse())
		};
		const second = generateRoster(shuffled);
		const byKey = (r: RosterResult) =>
			Object.fromEntries(r.assignments.map((x) => [x.slotKey, x.userId]));
		expect(byKey(second)).toEqual(byKey(first));
		expect(second.loads).toEqual(first.loads);
		expect(second.spread).toEqual(first.spread);
		expect(new Set(second.unfilled.map((u) => u.slotKey))).toEqual(
			new Set(first.unfilled.map((u) => u.slotKey))
		);
		// Pools in another order with slots in the same order: the identical result.
		expect(generateRoster({ ...a, pools: shuffled.pools, ledger: shuffled.ledger })).toEqual(first);
	});

	it('never gives anyone back-to-back shifts or two places in one shift', () => {
		// A tight pool: 3 leaders can just cover a chain of day and night shifts, and two people
		// sit in both pools, so leader and officer of one shift must still be different people.
		const slots = holiday('2026-10-01', 7, 1, 2);
		const rosterInput = input({
			slots,
			pools: { leader: pool([1, 2, 3]), officer: pool([1, 2, ...range(11, 15)], 10) }
		});
		const result = generateRoster(rosterInput);
		expect(violations(rosterInput, result)).toEqual([]);

		const who = holders(slots, result);
		for (let i = 0; i < 7; i++) {
			const date = addDays('2026-10-01', i);
			const next = addDays(date, 1);
			const at = (shift: string, d: string) =>
				slots
					.filter((s) => s.shiftKey === `${shift}:${d}`)
					.map((s) => who.get(s.key))
					.filter((id) => id != null);
			const day = at('day', date);
			const night = at('night', date);
			expect(new Set(day).size).toBe(day.length);
			expect(new Set(night).size).toBe(night.length);
			for (const id of night) {
				expect(day).not.toContain(id); // day then night of the same day
				expect(at('day', next)).not.toContain(id); // night then the next morning
			}
		}
		// The whole sample, too.
		const big = sampleRosterInput({
			people: 300,
			days: 30,
			shiftsPerDay: 2,
			leadersPerShift: 1,
			officersPerShift: 2,
			pastYears: 5
		});
		expect(violations(big, generateRoster(big))).toEqual([]);
	});

	it('fills a tight chain of day and night shifts completely when the pool just allows it', () => {
		// Two leaders for four days: only one of them on every day and the other on every night
		// works, which filling the heavier nights first would miss.
		const slots = holiday('2026-10-01', 4, 1, 0);
		const rosterInput = input({ slots, pools: { leader: pool([1, 2]), officer: [] } });
		const result = generateRoster(rosterInput);
		expect(result.unfilled).toEqual([]);
		expect(violations(rosterInput, result)).toEqual([]);
		const who = holders(slots, result);
		const days = new Set(
			slots.filter((s) => s.shiftKey.startsWith('day')).map((s) => who.get(s.key))
		);
		const nights = new Set(
			slots.filter((s) => s.shiftKey.startsWith('night')).map((s) => who.get(s.key))
		);
		expect(days.size).toBe(1);
		expect(nights.size).toBe(1);
		expect(days).not.toEqual(nights);
	});

	it('keeps locked slots and counts them toward loads and conflicts', () => {
		const slots = holiday('2026-10-01', 3, 1, 0).map((s) =>
			s.key === 'night:2026-10-01:leader:1' ? { ...s, fixedUserId: 1 } : s
		);
		// Leader 1 is even on leave that day: a hand-locked slot is kept anyway.
		const rosterInput = input({
			slots,
			pools: { leader: pool([1, 2, 3]), officer: [] },
			unavailable: [{ userId: 1, startDate: '2026-10-01', endDate: '2026-10-01', reason: '外出' }]
		});
		const result = generateRoster(rosterInput);
		const who = holders(slots, result);
		expect(who.get('night:2026-10-01:leader:1')).toBe(1);
		// The lock blocks the touching shifts for leader 1 …
		expect(who.get('day:2026-10-01:leader:1')).not.toBe(1);
		expect(who.get('day:2026-10-02:leader:1')).not.toBe(1);
		// … and its weight counts: 6 shifts, 7.5 in all, 2.5 each.
		expect([1, 2, 3].map((id) => result.loads.get(id))).toEqual([
			{ period: 2.5, total: 2.5, shifts: 2 },
			{ period: 2.5, total: 2.5, shifts: 2 },
			{ period: 2.5, total: 2.5, shifts: 2 }
		]);
		expect(result.unfilled).toEqual([]);
		expect(violations(rosterInput, result)).toEqual([]);
	});

	it('reports every slot a too-small pool cannot fill, with the reason, and breaks no rule', () => {
		const slots = holiday('2026-10-01', 2, 1, 1);
		const rosterInput = input({
			slots,
			pools: { leader: pool([1]), officer: pool([11, 12]) },
			unavailable: [
				{ userId: 11, startDate: '2026-10-02', endDate: '2026-10-02', reason: '病假' },
				{ userId: 12, startDate: '2026-10-02', endDate: '2026-10-02', reason: '年休假' }
			],
			exempt: new Set([12])
		});
		const result = generateRoster(rosterInput);
		expect(violations(rosterInput, result)).toEqual([]);
		const filled = result.assignments.filter((a) => a.userId !== null).map((a) => a.slotKey);
		const unfilled = result.unfilled.map((u) => u.slotKey);
		expect([...filled, ...unfilled].sort()).toEqual(slots.map((s) => s.key).sort());
		expect(Object.fromEntries(result.unfilled.map((u) => [u.slotKey, u.reason]))).toEqual({
			// The single leader takes both (heavier) nights; the days touch them.
			'day:2026-10-01:leader:1': 'all_busy',
			'day:2026-10-02:leader:1': 'all_busy',
			// Officer 12 is exempt; 11 takes the first night and is on sick leave the next day.
			'day:2026-10-01:officer:1': 'all_busy',
			'day:2026-10-02:officer:1': 'all_unavailable',
			'night:2026-10-02:officer:1': 'all_unavailable'
		});

		const empty = generateRoster(
			input({ slots, pools: { leader: [], officer: pool([12]) }, exempt: new Set([12]) })
		);
		expect(empty.unfilled).toEqual(slots.map((s) => ({ slotKey: s.key, reason: 'pool_empty' })));
		expect(empty.assignments.every((a) => a.userId === null)).toBe(true);
		expect(empty.spread).toEqual({
			leader: { period: 0, total: 0 },
			officer: { period: 0, total: 0 }
		});
	});

	it('rejects a slot that ends before it starts', () => {
		const [slot] = holiday('2026-10-01', 1, 1, 0);
		expect(() =>
			generateRoster(
				input({
					slots: [{ ...slot, endsAt: slot.startsAt }],
					pools: { leader: pool([1]), officer: [] }
				})
			)
		).toThrow(RangeError);
	});
});
