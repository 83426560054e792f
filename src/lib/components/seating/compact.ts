import { seatShows, type SeatShows } from '$lib/domain/seating-plan';
import type {
	PackedPlanSeats,
	PlanGuestView,
	PlanSeatTuple
} from '$lib/server/seating/seating.types';

// The plan page's seats as they travel to the browser: the JSON text the database wrote, a
// short array a taken seat (PlanSeatTuple), passed through the server unparsed — for a
// 500-seat hall, parsing, reshaping and re-serialising every seat on each request cost the
// server more than the rest of the page. The browser unpacks them here when it draws the map,
// with the same rule the printed charts use (seatShows). The guests of a talks plan come apart
// (the page lists them anyway) and join the map here.

/** What a seat shows of the one in it. */
export interface SeatShown extends SeatShows {
	seat: string;
	/** The participant's id; a guest's id negated. */
	participantId: number;
	/** The person's own name (a deputy's principal). */
	name: string;
	/** A talks plan's guest (客方), not a participant. */
	isGuest: boolean;
	locked: boolean;
}

/** The seats by key, as the map shows them. */
export function expandSeats(
	seats: PackedPlanSeats,
	guests: Pick<PlanGuestView, 'id' | 'name' | 'seat' | 'locked'>[],
	excusedMode: string
): Map<string, SeatShown> {
	const out = new Map<string, SeatShown>();
	for (const [seat, participantId, name, reply, deputyName, locked] of JSON.parse(
		seats.json
	) as PlanSeatTuple[]) {
		out.set(seat, {
			seat,
			participantId,
			name,
			...seatShows({ name, reply, deputyName }, excusedMode),
			isGuest: false,
			locked: !!locked
		});
	}
	for (const g of guests) {
		if (!g.seat) continue;
		out.set(g.seat, {
			seat: g.seat,
			participantId: -g.id,
			name: g.name,
			shownName: g.name,
			isDeputy: false,
			isReservedEmpty: false,
			isGuest: true,
			locked: g.locked
		});
	}
	return out;
}
