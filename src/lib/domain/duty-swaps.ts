/**
 * 调班 and 替班 checks (pure): what would be wrong on a roster once slots change hands. The
 * service loads the roster around a request and turns a problem into the words a person reads.
 */
import { slotConflict, type SlotConflict } from './duty-roster';
import { toSlot, type RosterSlot } from './duty-slots';

export type SwapKind = 'swap' | 'handover';

/** A period's roster around a request: its slots and what keeps people from them. */
export interface SwapRoster<S extends RosterSlot = RosterSlot> {
	slots: S[];
	/** The candidates' shifts in other periods that meet this one's dates (they may touch). */
	around: S[];
	shiftNames: Map<number, string>;
	/** Who is exempt from the period, with the reason. */
	exempt: Map<number, string>;
	unavailable: Array<{ userId: number; startDate: string; endDate: string; reason: string }>;
}

/** A slot going to a person. */
export interface Move {
	slotId: number;
	userId: number;
}

export interface ExchangeProblem<S extends RosterSlot = RosterSlot> {
	kind: SlotConflict | 'exempt';
	userId: number;
	slot: S;
	/** The leave or exemption reason, '' for a clash. */
	reason: string;
}

/** What would be wrong once the slots move to these people (everything else staying put). */
export function exchangeProblem<S extends RosterSlot>(
	r: SwapRoster<S>,
	moves: Move[]
): ExchangeProblem<S> | null {
	const moved = new Map(moves.map((mv) => [mv.slotId, mv.userId]));
	const current = [...r.slots, ...r.around].map((a) => ({
		slot: toSlot(a),
		userId: moved.has(a.id) ? moved.get(a.id)! : a.userId
	}));
	for (const mv of moves) {
		const slot = r.slots.find((a) => a.id === mv.slotId)!;
		const conflict = slotConflict(toSlot(slot), mv.userId, current, r.unavailable);
		if (conflict === 'unavailable') {
			const away = r.unavailable.find(
				(u) => u.userId === mv.userId && u.startDate <= slot.date && slot.date <= u.endDate
			)!;
			return { kind: conflict, userId: mv.userId, slot, reason: away.reason };
		}
		const exempt = r.exempt.get(mv.userId);
		if (exempt !== undefined) return { kind: 'exempt', userId: mv.userId, slot, reason: exempt };
		if (conflict) return { kind: conflict, userId: mv.userId, slot, reason: '' };
	}
	return null;
}

/** The slots a request moves: 替班 hands one over, 调班 exchanges two. */
export function movesOf(
	kind: SwapKind,
	slot: { id: number },
	theirs: { id: number } | null,
	requesterId: number,
	counterpartId: number
): Move[] {
	const moves = [{ slotId: slot.id, userId: counterpartId }];
	if (kind === 'swap' && theirs) moves.push({ slotId: theirs.id, userId: requesterId });
	return moves;
}
