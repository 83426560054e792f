/**
 * Talks seating (会谈 / 会见) without I/O: where the two sides sit and in what order.
 *
 * The rule, as the foreign-affairs protocol texts state it (外交部礼宾司 "礼宾知识", quoted in
 * 金正昆《外事礼仪》 and most 政务礼仪 textbooks):
 *
 * - 会谈 (a long table, `style: 'talks'`): "宾主相对而坐，以正门为准，主人占背门一侧，客人面向
 *   正门。主谈人居中 … 其他人按礼宾顺序左右排列。如会谈长桌一端向正门，则以入门的方向为准，右为
 *   客方，左为主方。" The table runs left–right on the page, so its sides are the top and the
 *   bottom of the chart:
 *   - door at the bottom: the top side faces the door — the seat of honour (上座) — and the
 *     guests take it; the hosts sit with their backs to the door;
 *   - door at the left or right end: the guests take the side on the right of someone who
 *     comes in — door left (walking rightwards on the page): the bottom side; door right: the
 *     top side.
 *   Each side's principal (主谈人) sits in the middle of the side; the others alternate outward
 *   from him, No.2 on his right, No.3 on his left, No.4 on his right … (先右后左, his own right
 *   as he sits facing the table). With an even number of seats the principal takes the centre
 *   seat on his left, so No.2 has the other centre seat.
 * - 会见 (a reception, `style: 'reception'`): "客人坐在主人的右边 … 其他客人按礼宾顺序在主宾一侧
 *   就座，主方陪见人在主人一侧按礼宾顺序就座。" The two principals sit side by side facing the door,
 *   the guest principal on the host's right; each side's others sit in a line going away from
 *   their principal by rank (a horseshoe: the lines run towards the door).
 *
 * Seat keys: 'H{n}' / 'G{n}'. At a talks table n counts along the side from the page's left;
 * in a reception n is the place in the line, 1 = the principal's seat.
 */
import type { Seat, SeatKey, TalksLayout } from './seating';

/** Which side of a talks table the guests take: the top of the chart or the bottom. */
export function guestSideAtTable(door: TalksLayout['door']): 'top' | 'bottom' {
	return door === 'left' ? 'bottom' : 'top';
}

/**
 * The page numbers (1 = the page's left) of a talks-table side of `seats` seats, best first.
 * Positions are counted along the sitter's own left → right; the top side faces down the page,
 * so its sitters' right is the page's left, the bottom side's is the page's right.
 */
function tableSideOrder(seats: number, side: 'top' | 'bottom'): number[] {
	const centre = Math.floor((seats - 1) / 2);
	const order: number[] = [];
	for (let rank = 1; rank <= seats; rank++) {
		const offset = rank === 1 ? 0 : rank % 2 === 0 ? rank / 2 : -(rank - 1) / 2;
		const p = centre + offset; // 0 = the sitter's far left
		order.push(side === 'top' ? seats - p : p + 1);
	}
	return order;
}

/** Seat keys by rank 1..n for each side (n at most the side's seats). */
export function talksSeats(
	layout: TalksLayout,
	hosts: number,
	guests: number
): { host: SeatKey[]; guest: SeatKey[] } {
	const take = (seats: number, people: number) => Math.max(0, Math.min(seats, people));
	if (layout.style === 'reception') {
		const line = (prefix: 'H' | 'G', n: number) =>
			Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
		return {
			host: line('H', take(layout.hostSeats, hosts)),
			guest: line('G', take(layout.guestSeats, guests))
		};
	}
	const guestSide = guestSideAtTable(layout.door);
	const hostSide = guestSide === 'top' ? 'bottom' : 'top';
	return {
		host: tableSideOrder(layout.hostSeats, hostSide)
			.slice(0, take(layout.hostSeats, hosts))
			.map((n) => `H${n}`),
		guest: tableSideOrder(layout.guestSeats, guestSide)
			.slice(0, take(layout.guestSeats, guests))
			.map((n) => `G${n}`)
	};
}

const seat = (zone: 'host' | 'guest', number: number, x: number, y: number): Seat => ({
	key: `${zone === 'host' ? 'H' : 'G'}${number}`,
	zone,
	row: 1,
	number,
	block: 1,
	x,
	y
});

/**
 * Where each seat of a talks layout is drawn (audience view of the chart, y = 0 at the top), in
 * drawing order. A talks table: one side on line 0, the table on line 1, the other on line 2,
 * each side centred on the longer one (x may be a half: 5 seats over 4 → 0.5 … 3.5).
 * A reception, door at the bottom: the principals side by side on line 0 (the guest on the
 * page's left, which is the host's right as he faces the door), the guests' line down the left
 * column, the hosts' down the right; door at the left or right end: the same turned a quarter,
 * the principals at the far end facing the door and the lines running towards it.
 */
export function talksGeometry(layout: TalksLayout): Seat[] {
	const seats: Seat[] = [];
	const { hostSeats: h, guestSeats: g } = layout;
	if (layout.style === 'talks') {
		const width = Math.max(h, g);
		const guestTop = guestSideAtTable(layout.door) === 'top';
		// Each side centred on the table: the shorter side of an odd difference starts half a
		// seat in (x = 0.5, 1.5 …), which the map draws on half columns.
		const side = (zone: 'host' | 'guest', n: number, y: number) => {
			const left = (width - n) / 2;
			for (let i = 1; i <= n; i++) seats.push(seat(zone, i, left + i - 1, y));
		};
		side(guestTop ? 'guest' : 'host', guestTop ? g : h, 0);
		side(guestTop ? 'host' : 'guest', guestTop ? h : g, 2);
	} else if (layout.door === 'bottom') {
		seats.push(seat('guest', 1, 1, 0), seat('host', 1, 2, 0));
		for (let i = 2; i <= Math.max(g, h); i++) {
			if (i <= g) seats.push(seat('guest', i, 0, i - 1));
			if (i <= h) seats.push(seat('host', i, 3, i - 1));
		}
	} else {
		// Door left: the principals at the right end face left, the host's right is the top.
		// Door right: they sit at the left end facing right, the host's right is the bottom.
		const far = Math.max(g, h) - 1;
		const atLeft = layout.door === 'right';
		const x = (i: number) => (atLeft ? i - 1 : far - (i - 1));
		const [top, bottom] = atLeft ? (['host', 'guest'] as const) : (['guest', 'host'] as const);
		const count = (zone: 'host' | 'guest') => (zone === 'host' ? h : g);
		for (let i = 2; i <= count(top); i++) seats.push(seat(top, i, x(i), 0));
		seats.push(seat(top, 1, x(1), 1), seat(bottom, 1, x(1), 2));
		for (let i = 2; i <= count(bottom); i++) seats.push(seat(bottom, i, x(i), 3));
	}
	return seats.sort((a, b) => a.y - b.y || a.x - b.x);
}
