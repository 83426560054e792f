import { describe, expect, it } from 'vitest';
import {
	generateRoster,
	slotConflict,
	spreadOf,
	type DutyCandidate,
	type DutyRole,
	type DutySlot,
	type LedgerEntry,
	type RosterInput,
	type RosterResult
} from './duty-roster';
import { sampleRosterInput } from './duty-roster.sample';

const DAY_MS = 86_400_000;

function addDays(date: string, n: number): string {
	return new Date(Date.parse(date + 'T00:00:00Z') + n * DAY_MS).toISOString().slice(0, 10);
}

/** Beijing wall time (UTC+8, no DST) as a UTC instant. */
function beijing(date: string, time: string): string {
	return new Date(Date.parse(`${date}T${time}:00+08:00`)).toISOString();
}

/**
 * 白班 08:30–17:30 (weight 1) and 夜班 17:30–08:30 next day (weight 1.5) on each of `days` days
 * from `from`, with `leaders` and `officers` slots per shift; `labels` weighs special days ×3.
 */
function holiday(
	from: string,
	days: number,
	leaders: number,
	officers: number,
	labels: Record<string, string> = {}
): DutySlot[] {
	const slots: DutySlot[] = [];
	for (let i = 0; i < days; i++) {
		const date = addDays(from, i);
		const label = labels[date] ?? null;
		const dayWeight = label ? 3 : 1;
		const shifts = [
			{ id: 'day', start: beijing(date, '08:30'), end: beijing(date, '17:30'), weight: 1 },
			{
				id: 'night',
				start: beijing(date, '17:30'),
				end: beijing(addDays(date, 1), '08:30'),
				weight: 1.5
			}
		];
		for (const shift of shifts) {
			const shiftKey = `${shift.id}:${date}`;
			const roles: Array<[DutyRole, number]> = [
				['leader', leaders],
				['officer', officers]
			];
			for (const [role, count] of roles) {
				for (let position = 1; position <= count; position++) {
					slots.push({
						key: `${shiftKey}:${role}:${position}`,
						shiftKey,
						date,
						startsAt: shift.start,
						endsAt: shift.end,
						role,
						weight: dayWeight * shift.weight,
						label
					});
				}
			}
		}
	}
	return slots;
}

function pool(ids: number[], precedenceBase = 1): DutyCandidate[] {
	return ids.map((id, i) => ({ id, precedence: precedenceBase + i, name: `人员${id}` }));
}

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function input(partial: Partial<RosterInput> & Pick<RosterInput, 'slots'>): RosterInput {
	return {
		pools: { leader: [], officer: [] },
		ledger: new Map(),
		unavailable: [],
		exempt: new Set(),
		...partial
	};
}

/** Who holds each slot, by slot key. */
function holders(slots: DutySlot[], result: RosterResult): Map<string, number | null> {
	expect(result.assignments.map((a) => a.slotKey)).toEqual(slots.map((s) => s.key));
	return new Map(result.assignments.map((a) => [a.slotKey, a.userId]));
}

/** Every rule a published roster must keep; returns the broken ones as readable strings. */
function violations(rosterInput: RosterInput, result: RosterResult): string[] {
	const out: string[] = [];
	const byPerson = new Map<number, DutySlot[]>();
	result.assignments.forEach(({ userId }, i) => {
		const slot = rosterInput.slots[i];
		if (userId === null || slot.fixedUserId != null) return;
		if (rosterInput.exempt.has(userId)) out.push(`${userId} exempt but on ${slot.key}`);
		if (!rosterInput.pools[slot.role].some((c) => c.id === userId)) {
			out.push(`${userId} not in the ${slot.role} pool but on ${slot.key}`);
		}
		for (const u of rosterInput.unavailable) {
			if (u.userId === userId && u.startDate <= slot.date && slot.date <= u.endDate) {
				out.push(`${userId} on leave but on ${slot.key}`);
			}
		}
	});
	result.assignments.forEach(({ userId }, i) => {
		if (userId === null) return;
		byPerson.set(userId, [...(byPerson.get(userId) ?? []), rosterInput.slots[i]]);
	});
	for (const [userId, slots] of byPerson) {
		for (let i = 0; i < slots.length; i++) {
			for (let j = i + 1; j < slots.length; j++) {
				const [a, b] = [slots[i], slots[j]];
				if (a.fixedUserId != null && b.fixedUserId != null) continue;
				if (a.shiftKey === b.shiftKey) out.push(`${userId} twice in ${a.shiftKey}`);
				else if (a.endsAt >= b.startsAt && a.startsAt <= b.endsAt) {
					out.push(`${userId} back to back on ${a.key} and ${b.key}`);
				}
			}
		}
	}
	return out;
}

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

	it('keeps the period load spread within one shift weight when the pool allows it', () => {
		const slots = holiday('2026-10-01', 7, 1, 2);
		const result = generateRoster(
			input({ slots, pools: { leader: pool(range(1, 3)), officer: pool(range(11, 20), 10) } })
		);
		expect(result.unfilled).toEqual([]);
		expect(result.spread.leader.period).toBeLessThanOrEqual(1.5);
		expect(result.spread.officer.period).toBeLessThanOrEqual(1.5);
		// With an empty ledger the total is the period load.
		expect(result.spread.leader.total).toBe(result.spread.leader.period);
		// Every weight is handed out: 7 days × (1 + 1.5) per slot position.
		const sum = (ids: number[]) =>
			ids.reduce((acc, id) => acc + (result.loads.get(id)?.period ?? 0), 0);
		expect(sum(range(1, 3))).toBe(17.5);
		expect(sum(range(11, 20))).toBe(35);
	});

	it('keeps the spread within the heaviest slot over 春节 with weighted 除夕 and 初一', () => {
		const slots = holiday('2026-02-15', 9, 1, 2, { '2026-02-16': '除夕', '2026-02-17': '初一' });
		const result = generateRoster(
			input({ slots, pools: { leader: pool(range(1, 5)), officer: pool(range(11, 22), 10) } })
		);
		const heaviest = Math.max(...slots.map((s) => s.weight));
		expect(heaviest).toBe(4.5);
		expect(result.unfilled).toEqual([]);
		expect(result.spread.leader.period).toBeLessThanOrEqual(heaviest);
		expect(result.spread.officer.period).toBeLessThanOrEqual(heaviest);
	});

	it('does not give 除夕 to someone who did it last year while others have not', () => {
		const slots = holiday('2026-02-16', 1, 1, 2, { '2026-02-16': '除夕' });
		// 1 and 11, 12 did 除夕 last year but carry the lowest loads: the label still comes first.
		const ledger = new Map<number, LedgerEntry>([
			[1, { load: 0, lastServed: '2025-01-28', labels: { 除夕: 1 } }],
			[11, { load: 0, lastServed: '2025-01-28', labels: { 除夕: 1 } }],
			[12, { load: 1, lastServed: '2025-01-28', labels: { 除夕: 1 } }],
			...range(13, 16).map((id): [number, LedgerEntry] => [
				id,
				{ load: 10, lastServed: '2025-10-07', labels: { 初一: 2 } }
			]),
			[2, { load: 10, lastServed: '2025-10-07', labels: {} }],
			[3, { load: 12, lastServed: '2025-10-07', labels: {} }]
		]);
		const rosterInput = input({
			slots,
			pools: { leader: pool([1, 2, 3]), officer: pool(range(11, 16), 10) },
			ledger
		});
		const result = generateRoster(rosterInput);
		const assigned = result.assignments.map((a) => a.userId);
		expect(assigned).not.toContain(1);
		expect(assigned).not.toContain(11);
		expect(assigned).not.toContain(12);
		expect(new Set(assigned)).toEqual(new Set([2, 3, 13, 14, 15, 16]));
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

	it('gives the least-loaded people shifts first', () => {
		const slots = holiday('2026-05-01', 3, 0, 1);
		const ledger = new Map<number, LedgerEntry>([
			[11, { load: 100, lastServed: '2026-02-17', labels: {} }],
			[12, { load: 2, lastServed: '2026-02-17', labels: {} }]
		]);
		const result = generateRoster(
			input({ slots, pools: { leader: [], officer: pool(range(11, 16)) }, ledger })
		);
		expect(result.loads.get(11)).toEqual({ period: 0, total: 100, shifts: 0 });
		for (const id of range(13, 16)) expect(result.loads.get(id)?.shifts).toBeGreaterThan(0);
		expect(result.loads.get(12)!.period).toBeLessThanOrEqual(result.loads.get(13)!.period);
		// The total spread shrinks toward the heavily loaded person but cannot reach them.
		expect(result.spread.officer.total).toBe(
			100 - Math.min(...range(12, 16).map((id) => result.loads.get(id)!.total))
		);
	});

	it('prefers who served longest ago, then seniority, when loads are equal', () => {
		const slots = holiday('2026-10-01', 1, 1, 0).filter((s) => s.shiftKey.startsWith('day'));
		const ledger = new Map<number, LedgerEntry>([
			[1, { load: 3, lastServed: '2026-05-01', labels: {} }],
			[2, { load: 3, lastServed: '2026-01-01', labels: {} }],
			[3, { load: 3, lastServed: '2026-01-01', labels: {} }]
		]);
		const result = generateRoster(
			input({ slots, pools: { leader: pool([3, 2, 1]), officer: [] }, ledger })
		);
		// 2 and 3 served on the same day; the pool lists 3 first, so 3 is more senior.
		expect(result.assignments).toEqual([{ slotKey: 'day:2026-10-01:leader:1', userId: 3 }]);
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
