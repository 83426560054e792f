/**
 * Seating (座次) layouts without I/O: the seats of a hall (主席台 rows and floor blocks) or a talks
 * table, where each one is drawn, and which seat outranks which.
 *
 * Everything is seen from the AUDIENCE, as a printed chart shows it: 主席台 at the top of the
 * page, the audience at the bottom looking up; seat numbers run from the audience's left to
 * their right. A seat key names a seat for good: 'R{row}-{n}' on the rostrum, 'F{row}-{n}' on
 * the floor (n counted across the blocks from the audience's left), 'H{n}' / 'G{n}' on the host
 * and guest sides of a talks layout — all 1-based, row 1 the front row.
 *
 * Order on a rostrum row (PRODUCT.md "Seating (座次) rules", 党政机关 practice 以左为上, "left"
 * being the seated person's left, i.e. the audience's right): No.1 in the centre, No.2 on No.1's
 * left, No.3 on No.1's right, alternating outward; with an even count No.1 and No.2 share the
 * centre, No.2 still on No.1's left. Seen from the audience: 3 1 2 · 3 1 2 4 · 7 5 3 1 2 4 6.
 * Sources differ on two people (1 2 or 2 1), so that is a setting (`PairOrder`, default '12').
 * 以右为上 (international practice) is the mirror image of all of it, the pair setting included:
 * with 'right' and '12' two people sit 2 1 as seen from the audience.
 */
import { z } from 'zod';
import { talksGeometry, talksSeats } from './seating-talks';

export type Convention = 'left' | 'right';
export type PairOrder = '12' | '21';

export interface HallLayout {
	kind: 'hall';
	/** Seats per rostrum row, FRONT row first; [] = no rostrum. */
	rostrum: number[];
	/** Every floor row has blocks[i] seats in block i, aisles between blocks; rows 0 = no floor. */
	floor: { rows: number; blocks: number[] };
}

export interface TalksLayout {
	kind: 'talks';
	/** 会谈 (a long table, the sides face each other) | 会见 (side by side facing the door). */
	style: 'talks' | 'reception';
	hostSeats: number;
	guestSeats: number;
	/** Where the door is on the printed chart; the talks table runs left–right on the page. */
	door: 'bottom' | 'left' | 'right';
}

export type Layout = HallLayout | TalksLayout;
export type SeatKey = string;
export type SeatZone = 'rostrum' | 'floor' | 'host' | 'guest';

export interface Seat {
	key: SeatKey;
	zone: SeatZone;
	row: number;
	number: number;
	block: number;
	/** Grid position for drawing, audience view: x from the left, y from the top (y = 0 top). */
	x: number;
	y: number;
}

export const LAYOUT_LIMITS = {
	rostrumRows: 6,
	rostrumSeats: 40,
	floorRows: 60,
	blocks: 6,
	blockSeats: 40,
	talksSide: 30
} as const;

const count = (min: number, max: number) => z.number().int().min(min).max(max);

const hallSchema = z
	.object({
		kind: z.literal('hall'),
		rostrum: z.array(count(1, LAYOUT_LIMITS.rostrumSeats)).max(LAYOUT_LIMITS.rostrumRows),
		floor: z.object({
			rows: count(0, LAYOUT_LIMITS.floorRows),
			blocks: z.array(count(1, LAYOUT_LIMITS.blockSeats)).max(LAYOUT_LIMITS.blocks)
		})
	})
	.superRefine((hall, ctx) => {
		if (hall.floor.rows > 0 && hall.floor.blocks.length === 0)
			ctx.addIssue({ code: 'custom', path: ['floor', 'blocks'], message: 'a floor needs a block' });
		if (hall.rostrum.length === 0 && hall.floor.rows === 0)
			ctx.addIssue({ code: 'custom', path: ['rostrum'], message: 'a hall needs a seat' });
	});

const talksSchema = z.object({
	kind: z.literal('talks'),
	style: z.enum(['talks', 'reception']),
	hostSeats: count(1, LAYOUT_LIMITS.talksSide),
	guestSeats: count(1, LAYOUT_LIMITS.talksSide),
	door: z.enum(['bottom', 'left', 'right'])
});

export const layoutSchema = z.discriminatedUnion('kind', [hallSchema, talksSchema]);

/** A layout from JSON or a form, checked against the limits; throws a ZodError (with paths). */
export function checkLayout(input: unknown): Layout {
	return layoutSchema.parse(input);
}

/** Seats of one floor row: the blocks side by side. */
export function floorRowSeats(layout: HallLayout): number {
	return layout.floor.blocks.reduce((a, b) => a + b, 0);
}

/**
 * How many seats `seatsOf(layout)` gives, without placing them: the server and the first
 * render of a page only say how many (500 seats as objects are 120 KB a request).
 */
export function seatCount(layout: Layout): number {
	if (layout.kind === 'talks') return layout.hostSeats + layout.guestSeats;
	const floorRows = layout.floor.blocks.length ? layout.floor.rows : 0;
	return layout.rostrum.reduce((a, b) => a + b, 0) + floorRows * floorRowSeats(layout);
}

/** Every seat, in drawing order (top of the page first, each line left to right). */
export function seatsOf(layout: Layout): Seat[] {
	if (layout.kind === 'talks') return talksGeometry(layout);
	const rostrumRows = layout.rostrum.length;
	const floorRows = layout.floor.blocks.length ? layout.floor.rows : 0;
	const blocks = layout.floor.blocks;
	const floorWidth = floorRows ? floorRowSeats(layout) + blocks.length - 1 : 0;
	const width = Math.max(floorWidth, ...layout.rostrum);
	const seats: Seat[] = [];
	// The back rostrum row is furthest from the audience: at the top of the page.
	for (let row = rostrumRows; row >= 1; row--) {
		const n = layout.rostrum[row - 1];
		const left = Math.floor((width - n) / 2);
		for (let i = 1; i <= n; i++)
			seats.push({
				key: `R${row}-${i}`,
				zone: 'rostrum',
				row,
				number: i,
				block: 1,
				x: left + i - 1,
				y: rostrumRows - row
			});
	}
	// One empty line between the rostrum and the floor.
	const top = rostrumRows ? rostrumRows + 1 : 0;
	const left = Math.floor((width - floorWidth) / 2);
	for (let row = 1; row <= floorRows; row++) {
		let number = 0;
		let x = left;
		blocks.forEach((size, b) => {
			for (let i = 0; i < size; i++) {
				number++;
				seats.push({
					key: `F${row}-${number}`,
					zone: 'floor',
					row,
					number,
					block: b + 1,
					x: x++,
					y: top + row - 1
				});
			}
			x++; // the aisle
		});
	}
	return seats;
}

/**
 * The ranks of a row of `n` seats, as seen from the audience left to right: with 'left',
 * n = 7 → [7, 5, 3, 1, 2, 4, 6]. Odd ranks to the audience's left of the centre, even ranks
 * to its right; 'right' mirrors it; `pair` orders a row of two (before any mirroring).
 */
export function rostrumRowOrder(n: number, convention: Convention, pair: PairOrder): number[] {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`seats in a row: ${n}`);
	let ranks: number[];
	if (n === 2 && pair === '21') ranks = [2, 1];
	else {
		const odd: number[] = [];
		const even: number[] = [];
		for (let r = 1; r <= n; r++) (r % 2 ? odd : even).push(r);
		ranks = [...odd.reverse(), ...even];
	}
	return convention === 'left' ? ranks : ranks.reverse();
}

/** Seat numbers (1-based, audience left to right) of a row of `n`, best seat first. */
export function centreOut(n: number, convention: Convention, pair: PairOrder): number[] {
	const byRank: number[] = new Array(n);
	rostrumRowOrder(n, convention, pair).forEach((rank, i) => (byRank[rank - 1] = i + 1));
	return byRank;
}

export interface RankedSeats {
	rostrum: SeatKey[];
	floor: SeatKey[];
	host: SeatKey[];
	guest: SeatKey[];
}

/**
 * Seat keys best first in each zone: the rostrum front row first, each row from its centre
 * outward by the convention; the floor the same way, front rows first (the centre of a floor
 * row is the centre of all its seats, aisles not counted); a talks table by `talksSeats`.
 */
export function rankedSeats(layout: Layout, convention: Convention, pair: PairOrder): RankedSeats {
	if (layout.kind === 'talks') {
		const t = talksSeats(layout, layout.hostSeats, layout.guestSeats);
		return { rostrum: [], floor: [], host: t.host, guest: t.guest };
	}
	const rostrum: SeatKey[] = [];
	layout.rostrum.forEach((n, i) => {
		for (const number of centreOut(n, convention, pair)) rostrum.push(`R${i + 1}-${number}`);
	});
	const floor: SeatKey[] = [];
	const rows = layout.floor.blocks.length ? layout.floor.rows : 0;
	if (rows) {
		const order = centreOut(floorRowSeats(layout), convention, pair);
		for (let row = 1; row <= rows; row++)
			for (const number of order) floor.push(`F${row}-${number}`);
	}
	return { rostrum, floor, host: [], guest: [] };
}

const SEAT_KEY = /^(?:([RF])([1-9]\d*)-([1-9]\d*)|([HG])([1-9]\d*))$/;

/** The parts of a seat key, or null when it is not one. */
export function parseSeatKey(key: string): { zone: SeatZone; row: number; number: number } | null {
	const m = SEAT_KEY.exec(key);
	if (!m) return null;
	if (m[1])
		return { zone: m[1] === 'R' ? 'rostrum' : 'floor', row: Number(m[2]), number: Number(m[3]) };
	return { zone: m[4] === 'H' ? 'host' : 'guest', row: 1, number: Number(m[5]) };
}
