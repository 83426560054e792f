import { describe, expect, it } from 'vitest';
import { generateRoster, type LedgerEntry } from './duty-roster';
import { holiday, input, pool, range, violations } from './duty-roster.test-helpers';

describe('generateRoster', () => {
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
});
