import type { PlanGuestView, PlanSeatView } from '$lib/server/seating/seating.types';

// The plan page's seats as they travel to the browser: a 500-seat hall is one string, a line a
// taken seat, each seat and each seated person once — not 500 objects repeating their field
// names, which cost more to serialise (devalue, into the page) than to read from the database.
// The server packs (compactSeats), the browser unpacks when it draws the map (expandSeats).
//
// A line: seat key TAB id TAB name TAB the name on the seat ('' = the same) TAB flags, where
// the id is the participant's (a guest's negated) and flags add up DEPUTY, KEPT_EMPTY, GUEST and
// LOCKED. A tab or a line break inside a name (never typed, but possible) becomes a space.

/** What a seat shows of the one in it. */
export interface SeatShown {
	seat: string;
	/** The participant's id; a guest's id negated. */
	participantId: number;
	/** The person's own name (a deputy's principal). */
	name: string;
	/** The name on the seat: the deputy's where one goes. */
	shownName: string;
	isDeputy: boolean;
	/** An excused person's seat the plan keeps empty. */
	isReservedEmpty: boolean;
	/** A talks plan's guest (客方), not a participant. */
	isGuest: boolean;
	locked: boolean;
}

export interface CompactSeats {
	/** How many seats are taken (the lines of `lines`). */
	taken: number;
	/** The taken seats, a line each (see above). */
	lines: string;
}

const DEPUTY = 1;
const KEPT_EMPTY = 2;
const GUEST = 4;
const LOCKED = 8;

const clean = (text: string) => text.replace(/[\t\r\n]/g, ' ');

export function compactSeats(
	placements: Pick<
		PlanSeatView,
		'seat' | 'participantId' | 'name' | 'shownName' | 'isDeputy' | 'isReservedEmpty' | 'locked'
	>[],
	guests: Pick<PlanGuestView, 'id' | 'name' | 'seat' | 'locked'>[]
): CompactSeats {
	const lines: string[] = [];
	for (const p of placements) {
		const flags =
			(p.isDeputy ? DEPUTY : 0) | (p.isReservedEmpty ? KEPT_EMPTY : 0) | (p.locked ? LOCKED : 0);
		const shown = p.shownName === p.name ? '' : clean(p.shownName);
		lines.push(`${p.seat}\t${p.participantId}\t${clean(p.name)}\t${shown}\t${flags}`);
	}
	for (const g of guests) {
		if (!g.seat) continue;
		lines.push(`${g.seat}\t${-g.id}\t${clean(g.name)}\t\t${GUEST | (g.locked ? LOCKED : 0)}`);
	}
	return { taken: lines.length, lines: lines.join('\n') };
}

/** The seats by key, as the map shows them. */
export function expandSeats(c: CompactSeats): Map<string, SeatShown> {
	const out = new Map<string, SeatShown>();
	if (!c.lines) return out;
	for (const line of c.lines.split('\n')) {
		const [seat, id, name, shown, bits] = line.split('\t');
		const flags = Number(bits);
		out.set(seat, {
			seat,
			participantId: Number(id),
			name,
			shownName: shown || name,
			isDeputy: (flags & DEPUTY) !== 0,
			isReservedEmpty: (flags & KEPT_EMPTY) !== 0,
			isGuest: (flags & GUEST) !== 0,
			locked: (flags & LOCKED) !== 0
		});
	}
	return out;
}
