import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
	centreOut,
	checkLayout,
	parseSeatKey,
	rankedSeats,
	rostrumRowOrder,
	seatCount,
	seatsOf,
	LAYOUT_LIMITS,
	type HallLayout
} from './seating';

const row = (n: number, convention: 'left' | 'right' = 'left', pair: '12' | '21' = '12') =>
	rostrumRowOrder(n, convention, pair).join(' ');

const hall = (rostrum: number[], rows = 0, blocks: number[] = []): HallLayout => ({
	kind: 'hall',
	rostrum,
	floor: { rows, blocks }
});

describe('rostrumRowOrder (as seen from the audience)', () => {
	it('以左为上 gives the PRODUCT.md vectors for n = 1…7', () => {
		expect(row(1)).toBe('1');
		expect(row(2)).toBe('1 2');
		expect(row(3)).toBe('3 1 2');
		expect(row(4)).toBe('3 1 2 4');
		expect(row(5)).toBe('5 3 1 2 4');
		expect(row(6)).toBe('5 3 1 2 4 6');
		expect(row(7)).toBe('7 5 3 1 2 4 6');
	});

	it('以右为上 is the mirror image for n = 1…7', () => {
		expect(row(1, 'right')).toBe('1');
		expect(row(2, 'right')).toBe('2 1');
		expect(row(3, 'right')).toBe('2 1 3');
		expect(row(4, 'right')).toBe('4 2 1 3');
		expect(row(5, 'right')).toBe('4 2 1 3 5');
		expect(row(6, 'right')).toBe('6 4 2 1 3 5');
		expect(row(7, 'right')).toBe('6 4 2 1 3 5 7');
		for (let n = 0; n <= 40; n++)
			expect(rostrumRowOrder(n, 'right', '12')).toEqual(rostrumRowOrder(n, 'left', '12').reverse());
	});

	it('the pair setting orders a row of two, mirrored under 以右为上, and nothing else', () => {
		expect(row(2, 'left', '21')).toBe('2 1');
		expect(row(2, 'right', '21')).toBe('1 2');
		for (const n of [1, 3, 4, 5, 6, 7]) {
			expect(row(n, 'left', '21')).toBe(row(n, 'left', '12'));
			expect(row(n, 'right', '21')).toBe(row(n, 'right', '12'));
		}
	});

	it('No.1 is in the centre (odd) or left of the centre pair (even), ranks alternate outward', () => {
		for (let n = 1; n <= 40; n++) {
			const ranks = rostrumRowOrder(n, 'left', '12');
			expect([...ranks].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
			expect(ranks.indexOf(1)).toBe(Math.floor((n - 1) / 2));
			// Each rank sits next to the one two below it, on the far side from the centre.
			for (let r = 3; r <= n; r++)
				expect(Math.abs(ranks.indexOf(r) - ranks.indexOf(r - 2))).toBe(1);
		}
		expect(rostrumRowOrder(0, 'left', '12')).toEqual([]);
		expect(() => rostrumRowOrder(-1, 'left', '12')).toThrow(RangeError);
	});

	it('centreOut lists seat numbers best first', () => {
		expect(centreOut(7, 'left', '12')).toEqual([4, 5, 3, 6, 2, 7, 1]);
		expect(centreOut(4, 'left', '12')).toEqual([2, 3, 1, 4]);
		expect(centreOut(4, 'right', '12')).toEqual([3, 2, 4, 1]);
		expect(centreOut(2, 'left', '21')).toEqual([2, 1]);
	});
});

describe('seatsOf', () => {
	it('draws the back rostrum row on top, a gap, then floor rows with aisles, all centred', () => {
		const seats = seatsOf(hall([3, 5], 2, [2, 3]));
		const at = (key: string) => seats.find((s) => s.key === key)!;
		expect(seats.map((s) => s.key)).toEqual([
			'R2-1',
			'R2-2',
			'R2-3',
			'R2-4',
			'R2-5',
			'R1-1',
			'R1-2',
			'R1-3',
			'F1-1',
			'F1-2',
			'F1-3',
			'F1-4',
			'F1-5',
			'F2-1',
			'F2-2',
			'F2-3',
			'F2-4',
			'F2-5'
		]);
		// The floor is 2 + aisle + 3 = 6 wide; the front rostrum row of 3 is centred over it.
		expect(at('R2-1')).toMatchObject({ zone: 'rostrum', row: 2, number: 1, x: 0, y: 0 });
		expect(at('R1-1')).toMatchObject({ zone: 'rostrum', row: 1, number: 1, x: 1, y: 1 });
		expect(at('F1-2')).toMatchObject({ zone: 'floor', block: 1, x: 1, y: 3 });
		expect(at('F1-3')).toMatchObject({ zone: 'floor', block: 2, number: 3, x: 3, y: 3 });
		expect(at('F2-5')).toMatchObject({ row: 2, number: 5, block: 2, x: 5, y: 4 });
		expect(new Set(seats.map((s) => `${s.x},${s.y}`)).size).toBe(seats.length);
	});

	it('a floor without a rostrum starts at the top; a rostrum alone has no floor', () => {
		expect(seatsOf(hall([], 1, [2]))).toEqual([
			{ key: 'F1-1', zone: 'floor', row: 1, number: 1, block: 1, x: 0, y: 0 },
			{ key: 'F1-2', zone: 'floor', row: 1, number: 2, block: 1, x: 1, y: 0 }
		]);
		expect(seatsOf(hall([2])).map((s) => s.key)).toEqual(['R1-1', 'R1-2']);
		expect(seatsOf(hall([2], 0, [5, 5]))).toHaveLength(2);
	});

	it('every key parses back to its zone, row and number', () => {
		for (const s of seatsOf(hall([3, 7], 4, [4, 8, 4])))
			expect(parseSeatKey(s.key)).toEqual({ zone: s.zone, row: s.row, number: s.number });
		expect(parseSeatKey('H3')).toEqual({ zone: 'host', row: 1, number: 3 });
		expect(parseSeatKey('G12')).toEqual({ zone: 'guest', row: 1, number: 12 });
		for (const bad of ['R0-1', 'F1-0', 'X1-1', 'R1', 'H', 'H0', 'R1-2x', ''])
			expect(parseSeatKey(bad)).toBeNull();
	});
});

describe('rankedSeats', () => {
	it('two rostrum rows: the front row outranks the back, each fills from its centre', () => {
		const r = rankedSeats(hall([3, 4]), 'left', '12');
		expect(r.rostrum).toEqual(['R1-2', 'R1-3', 'R1-1', 'R2-2', 'R2-3', 'R2-1', 'R2-4']);
		expect(rankedSeats(hall([3, 4]), 'right', '12').rostrum).toEqual([
			'R1-2',
			'R1-1',
			'R1-3',
			'R2-3',
			'R2-2',
			'R2-4',
			'R2-1'
		]);
		expect(r.floor).toEqual([]);
		expect(r.host).toEqual([]);
	});

	it('a row of two follows the pair setting', () => {
		expect(rankedSeats(hall([2]), 'left', '12').rostrum).toEqual(['R1-1', 'R1-2']);
		expect(rankedSeats(hall([2]), 'left', '21').rostrum).toEqual(['R1-2', 'R1-1']);
	});

	it('floor rows: front rows first, each from the centre of all its seats out', () => {
		const r = rankedSeats(hall([1], 2, [2, 3]), 'left', '12');
		expect(r.rostrum).toEqual(['R1-1']);
		// 5 seats a row (aisle not counted): 5 3 1 2 4 → seats 3, 4, 2, 5, 1.
		expect(r.floor).toEqual([
			'F1-3',
			'F1-4',
			'F1-2',
			'F1-5',
			'F1-1',
			'F2-3',
			'F2-4',
			'F2-2',
			'F2-5',
			'F2-1'
		]);
		expect(rankedSeats(hall([], 1, [2, 2]), 'right', '12').floor).toEqual([
			'F1-3',
			'F1-2',
			'F1-4',
			'F1-1'
		]);
	});

	it('ranks every seat of the layout exactly once', () => {
		const layout = hall([5, 7, 9], 30, [8, 14, 8]);
		const r = rankedSeats(layout, 'left', '12');
		const keys = [...r.rostrum, ...r.floor];
		expect(new Set(keys).size).toBe(keys.length);
		expect(new Set(keys)).toEqual(new Set(seatsOf(layout).map((s) => s.key)));
	});
});

describe('checkLayout', () => {
	it('accepts a hall and a talks table, dropping unknown fields', () => {
		expect(checkLayout({ ...hall([5, 7], 10, [6, 12, 6]), extra: 1 })).toEqual(
			hall([5, 7], 10, [6, 12, 6])
		);
		const talks = {
			kind: 'talks',
			style: 'talks',
			hostSeats: 7,
			guestSeats: 7,
			door: 'bottom'
		} as const;
		expect(checkLayout(talks)).toEqual(talks);
		expect(checkLayout(hall([3]))).toEqual(hall([3]));
		expect(checkLayout(hall([], 1, [1]))).toEqual(hall([], 1, [1]));
	});

	it('refuses what is over the limits or malformed, with a path', () => {
		const bad: unknown[] = [
			null,
			'hall',
			{ kind: 'room' },
			hall([1, 1, 1, 1, 1, 1, 1]),
			hall([41]),
			hall([0]),
			hall([2.5]),
			hall([3], 61, [5]),
			hall([3], 2, [1, 1, 1, 1, 1, 1, 1]),
			hall([3], 2, [41]),
			hall([3], 2, []),
			hall([], 0, []),
			hall([3], -1, [5]),
			{ kind: 'talks', style: 'talks', hostSeats: 31, guestSeats: 1, door: 'bottom' },
			{ kind: 'talks', style: 'talks', hostSeats: 0, guestSeats: 1, door: 'bottom' },
			{ kind: 'talks', style: 'banquet', hostSeats: 3, guestSeats: 3, door: 'bottom' },
			{ kind: 'talks', style: 'talks', hostSeats: 3, guestSeats: 3, door: 'top' }
		];
		for (const input of bad)
			expect(() => checkLayout(input), JSON.stringify(input)).toThrow(ZodError);
		try {
			checkLayout(hall([3], 2, [41]));
		} catch (e) {
			expect((e as ZodError).issues[0].path).toEqual(['floor', 'blocks', 0]);
		}
	});

	it('the largest layout has 6 × 40 rostrum seats and 60 rows of 6 × 40', () => {
		const big = checkLayout(hall([40, 40, 40, 40, 40, 40], 60, [40, 40, 40, 40, 40, 40]));
		expect(seatsOf(big)).toHaveLength(240 + 60 * 240);
	});
});

describe('seatCount', () => {
	const L = LAYOUT_LIMITS;
	const hallArb = fc
		.record({
			kind: fc.constant('hall' as const),
			rostrum: fc.array(fc.integer({ min: 1, max: L.rostrumSeats }), { maxLength: L.rostrumRows }),
			floor: fc.record({
				rows: fc.integer({ min: 0, max: L.floorRows }),
				blocks: fc.array(fc.integer({ min: 1, max: L.blockSeats }), { maxLength: L.blocks })
			})
		})
		.filter((h) => !(h.floor.rows > 0 && !h.floor.blocks.length))
		.filter((h) => h.rostrum.length > 0 || h.floor.rows > 0);
	const talksArb = fc.record({
		kind: fc.constant('talks' as const),
		style: fc.constantFrom('talks' as const, 'reception' as const),
		hostSeats: fc.integer({ min: 1, max: L.talksSide }),
		guestSeats: fc.integer({ min: 1, max: L.talksSide }),
		door: fc.constantFrom('bottom' as const, 'left' as const, 'right' as const)
	});

	it('counts the seats seatsOf places, for any layout the limits allow', () => {
		fc.assert(
			fc.property(fc.oneof(hallArb, talksArb), (layout) => {
				checkLayout(layout);
				expect(seatCount(layout)).toBe(seatsOf(layout).length);
			})
		);
	});

	it('counts a hall of 30 rows × 20 under a rostrum of 15 · 11 · 9 as 635', () => {
		expect(seatCount(hall([15, 11, 9], 30, [6, 8, 6]))).toBe(635);
	});
});
