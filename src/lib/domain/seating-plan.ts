/**
 * A meeting's seating plan without I/O: arranging people in a layout, swapping two seats, and
 * what changed in the replies since the plan was arranged.
 *
 * `arrange`, in a hall:
 * 1. locked placements stay exactly as they are, and their seats are not given to anyone else
 *    (a lock on a seat the layout no longer has is dropped, and its person placed afresh);
 * 2. 会务 (staff) are not seated unless the person is chosen (`seatStaff`); an excused person is
 *    left out when the plan closes up ('close_up'), or keeps the seat they would have had,
 *    shown empty ('empty'); a pending reply is seated like an attending one; a deputy sits in
 *    the principal's seat — the placement stays on the principal's participantId;
 * 3. 出席 (attendees) by precedence take the rostrum seats best first (`rankedSeats`);
 * 4. the floor, front rows first and each row from its centre: the attendees the rostrum could
 *    not hold, then 列席 (observers), then the chosen staff — each group in the floor order;
 * 5. whoever finds no seat is unseated with 'no_seat'.
 * At a talks table each side (`side`, 'host' when not given) is seated on its own: attendees,
 * then observers, then chosen staff, each by precedence, into `talksSeats` order.
 * Placements come back in drawing order (`seatsOf`); ties never depend on the input's order.
 */
import {
	rankedSeats,
	seatsOf,
	type Convention,
	type Layout,
	type PairOrder,
	type SeatKey
} from './seating';
import { orderPeople, type FloorOrder, type SeatPerson } from './seating-order';

export type ExcusedMode = 'empty' | 'close_up';

export interface PlanPerson extends SeatPerson {
	reply: 'pending' | 'attend' | 'excused' | 'deputy';
	deputyName: string | null;
	seatStaff?: boolean;
	side?: 'host' | 'guest';
}

export interface Placement {
	seat: SeatKey;
	participantId: number;
	locked: boolean;
}

export interface ArrangeInput {
	layout: Layout;
	convention: Convention;
	pair: PairOrder;
	floorOrder: FloorOrder;
	excused: ExcusedMode;
	people: PlanPerson[];
	/** Kept as they are. */
	locked: Placement[];
}

export type UnseatedReason = 'no_seat' | 'staff' | 'excused';

export interface ArrangeResult {
	placements: Placement[];
	unseated: { participantId: number; reason: UnseatedReason }[];
}

const ROLE_GROUPS = ['attendee', 'observer', 'staff'] as const;

export function arrange(input: ArrangeInput): ArrangeResult {
	const seatOrder = new Map(seatsOf(input.layout).map((s, i) => [s.key, i]));
	const ids = new Set<number>();
	for (const p of input.people) {
		if (ids.has(p.participantId)) throw new RangeError(`a person twice: ${p.participantId}`);
		ids.add(p.participantId);
	}

	const placements: Placement[] = [];
	const taken = new Set<SeatKey>();
	const placed = new Set<number>();
	for (const l of input.locked) {
		if (taken.has(l.seat) || placed.has(l.participantId))
			throw new RangeError(`locked twice: ${l.seat} / ${l.participantId}`);
		if (!seatOrder.has(l.seat)) continue;
		placements.push({ seat: l.seat, participantId: l.participantId, locked: true });
		taken.add(l.seat);
		placed.add(l.participantId);
	}

	const unseated: ArrangeResult['unseated'] = [];
	const toSeat: PlanPerson[] = [];
	for (const p of [...input.people].sort((a, b) => a.participantId - b.participantId)) {
		if (placed.has(p.participantId)) continue;
		if (p.role === 'staff' && !p.seatStaff)
			unseated.push({ participantId: p.participantId, reason: 'staff' });
		else if (p.reply === 'excused' && input.excused === 'close_up')
			unseated.push({ participantId: p.participantId, reason: 'excused' });
		else toSeat.push(p);
	}

	const noSeat: PlanPerson[] = [];
	/** Seats `people` in order into the free `seats`; returns who did not fit. */
	const fill = (people: PlanPerson[], seats: SeatKey[]): PlanPerson[] => {
		const free = seats.filter((s) => !taken.has(s));
		people.forEach((p, i) => {
			if (i >= free.length) return;
			placements.push({ seat: free[i], participantId: p.participantId, locked: false });
			taken.add(free[i]);
		});
		return people.slice(free.length);
	};
	const ranked = rankedSeats(input.layout, input.convention, input.pair);
	const group = (people: PlanPerson[], role: PlanPerson['role']) =>
		people.filter((p) => p.role === role);

	if (input.layout.kind === 'hall') {
		const attendees = orderPeople(group(toSeat, 'attendee'), 'precedence');
		const overflow = fill(attendees, ranked.rostrum);
		for (const people of [overflow, group(toSeat, 'observer'), group(toSeat, 'staff')])
			noSeat.push(...fill(orderPeople(people, input.floorOrder), ranked.floor));
	} else {
		for (const side of ['host', 'guest'] as const) {
			const ofSide = toSeat.filter((p) => (p.side ?? 'host') === side);
			const ordered = ROLE_GROUPS.flatMap((role) => orderPeople(group(ofSide, role), 'precedence'));
			noSeat.push(...fill(ordered, ranked[side]));
		}
	}
	for (const p of noSeat) unseated.push({ participantId: p.participantId, reason: 'no_seat' });

	placements.sort((a, b) => (seatOrder.get(a.seat) ?? 0) - (seatOrder.get(b.seat) ?? 0));
	return { placements, unseated };
}

/** A talks plan's guest (会见/会谈 客方): not a user, typed in by the office; rank 1 is the principal. */
export interface TalksGuest {
	id: number;
	name: string;
	rank: number;
}

/**
 * The guests as people of the guest side, for `arrange`: each one an attendee by rank (ties:
 * the lower id), its participantId the guest's id negated (`guestIdOf` turns it back), so a
 * guest and a participant never share an id.
 */
export function guestsAsPeople(guests: TalksGuest[]): PlanPerson[] {
	return guests.map((g) => ({
		participantId: -g.id,
		userId: 0,
		name: g.name,
		// Rank first, then the guest added first (an id stays below 2^32).
		precedence: g.rank * 2 ** 32 + g.id,
		departmentOrder: 0,
		role: 'attendee',
		reply: 'attend',
		deputyName: null,
		side: 'guest'
	}));
}

/** The guest id behind an arrangement's participantId, or null for a participant. */
export function guestIdOf(participantId: number): number | null {
	return participantId < 0 ? -participantId : null;
}

/**
 * Two seats exchanged: whoever sits in `a` moves to `b` and the other way round; either seat
 * may be empty. Refuses (RangeError) when either seat is locked. A new array.
 */
export function swapSeats(placements: Placement[], a: SeatKey, b: SeatKey): Placement[] {
	for (const p of placements)
		if ((p.seat === a || p.seat === b) && p.locked) throw new RangeError(`seat locked: ${p.seat}`);
	if (a === b) return placements.map((p) => ({ ...p }));
	return placements.map((p) =>
		p.seat === a ? { ...p, seat: b } : p.seat === b ? { ...p, seat: a } : { ...p }
	);
}

export interface PlanChange {
	participantId: number;
	kind: 'now_excused' | 'now_attending' | 'deputy_changed' | 'added' | 'removed';
}

export interface ReplyState {
	participantId: number;
	reply: string;
	deputyId: number | null;
}

/**
 * What changed since the plan was arranged: `seatedWith` are the replies the plan was arranged
 * with, `now` the current ones. One change a person, the first that applies: added, removed,
 * now_excused (was not excused, is now), now_attending (was excused, is not now — with or
 * without a deputy), deputy_changed (the deputy came, went or is someone else). A pending reply
 * turning into 'attend' is no change: both are seated. Sorted by participantId.
 */
export function planChanges(seatedWith: ReplyState[], now: ReplyState[]): PlanChange[] {
	const before = new Map(seatedWith.map((s) => [s.participantId, s]));
	const after = new Map(now.map((s) => [s.participantId, s]));
	const changes: PlanChange[] = [];
	const deputyOf = (s: ReplyState) => (s.reply === 'deputy' ? s.deputyId : null);
	for (const id of [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => a - b)) {
		const was = before.get(id);
		const is = after.get(id);
		let kind: PlanChange['kind'] | null = null;
		if (!was) kind = 'added';
		else if (!is) kind = 'removed';
		else if (was.reply !== 'excused' && is.reply === 'excused') kind = 'now_excused';
		else if (was.reply === 'excused' && is.reply !== 'excused') kind = 'now_attending';
		else if (deputyOf(was) !== deputyOf(is)) kind = 'deputy_changed';
		if (kind) changes.push({ participantId: id, kind });
	}
	return changes;
}

/** What a taken seat shows of the one in it (seatShows). */
export interface SeatShows {
	/** The name on the seat: the deputy's where one goes, else the person's. */
	shownName: string;
	/** Shown with 代: a deputy sits in the principal's place. */
	isDeputy: boolean;
	/** An excused person's seat the plan keeps empty ('empty' plans; 'close_up' re-arranges). */
	isReservedEmpty: boolean;
}

/**
 * How a taken seat shows the one in it — on the plan page (drawn in the browser) and on the
 * printed charts alike: a deputy's name where one goes; an excused person's seat kept empty.
 */
export function seatShows(
	p: { name: string; reply: string; deputyName: string | null },
	excusedMode: string
): SeatShows {
	const isDeputy = p.reply === 'deputy' && p.deputyName != null;
	return {
		shownName: isDeputy ? p.deputyName! : p.name,
		isDeputy,
		isReservedEmpty: p.reply === 'excused' && excusedMode === 'empty'
	};
}
