/**
 * Fair automatic holiday duty roster (节假日值班排班). Pure and deterministic: the same input gives
 * the same roster whatever order the pools, ledger, leave list or slots come in, and nothing here
 * reads the clock, the database or Math.random.
 *
 * Fairness follows the ledger: every person carries a weighted load across periods and years
 * (除夕 and 初一 weigh more than an ordinary holiday day, nights more than days). Each open slot goes
 * to the eligible pool member who comes first by
 *   1. for a special-day slot (label such as '除夕'): fewest duties with that label so far,
 *   2. least weighted total load (ledger + this period),
 *   3. served longest ago (never served first),
 *   4. precedence (more senior first), then id.
 * Heavier slots are filled first, so the light ones even out what is left over; a gap left by
 * that greedy fill is repaired by moving one neighbouring shift to someone else, and a short
 * improvement pass then hands slots from the more to the less loaded where the rules allow. When
 * heavy-first still leaves gaps (a tight pool on a chain of day and night shifts), filling in
 * time order is tried too and the fuller, more even roster wins.
 */

import {
	fill,
	heavyFirst,
	inTimeOrder,
	isAway,
	parseInstant,
	reasonFor,
	ROLES,
	SCALE,
	total,
	units,
	type Attempt,
	type Slot
} from './duty-roster.fill';

export type { DutyRole } from './duty-terms';
import type { DutyRole } from './duty-terms';

export interface DutySlot {
	/** Unique id of the slot, e.g. `${shiftId}:${date}:${role}:${position}`. */
	key: string;
	/** One shift instance: the same for every slot of that shift on that date. */
	shiftKey: string;
	/** YYYY-MM-DD, the duty date the shift starts on. */
	date: string;
	/** ISO instant. */
	startsAt: string;
	/** ISO instant, after startsAt. */
	endsAt: string;
	role: DutyRole;
	/** Day weight × shift weight, e.g. 1, 1.5, 3, 4.5. */
	weight: number;
	/** Special-day label such as '除夕' or '初一'; null on ordinary days. */
	label: string | null;
	/** A locked slot: this person stays, counts toward loads and conflicts, and is not reassigned. */
	fixedUserId?: number | null;
}

/** A pool member; a lower precedence number is more senior. */
export interface DutyCandidate {
	id: number;
	precedence: number;
	name: string;
}

/** What past periods left: weighted load, last duty date (YYYY-MM-DD), duties per special label. */
export interface LedgerEntry {
	load: number;
	lastServed: string | null;
	labels: Record<string, number>;
}

/** Approved leave or a marked absence, both dates included. */
export interface Unavailability {
	userId: number;
	startDate: string;
	endDate: string;
	reason: string;
}

export interface RosterInput {
	slots: DutySlot[];
	pools: Record<DutyRole, DutyCandidate[]>;
	/** A person missing from the ledger has zero load and has never served. */
	ledger: Map<number, LedgerEntry>;
	unavailable: Unavailability[];
	/** Exempted for this period: never assigned. */
	exempt: Set<number>;
}

/**
 * Why a slot stayed empty:
 * - `pool_empty`: the role's pool has nobody who is not exempt;
 * - `all_unavailable`: everyone left in the pool is on leave or unavailable on the slot's date;
 * - `all_busy`: those available already serve in the same shift, or have a shift that overlaps
 *   or touches this one (back to back).
 */
export type UnfilledReason = 'pool_empty' | 'all_unavailable' | 'all_busy';

/** Why a person cannot take a slot by hand; see {@link slotConflict}. */
export type SlotConflict = 'unavailable' | 'same_shift' | 'back_to_back' | 'overlap';

export interface RosterResult {
	/** One per input slot, in input order. */
	assignments: Array<{ slotKey: string; userId: number | null }>;
	/** Slots left empty, in input order. */
	unfilled: Array<{ slotKey: string; reason: UnfilledReason }>;
	/** Per pool member (and per person on a locked slot): this period's load, ledger + period, shifts. */
	loads: Map<number, { period: number; total: number; shifts: number }>;
	/**
	 * Max − min of period and of total load over the pool members who could serve (not exempt,
	 * not away on every date the role has slots); 0 for an empty pool.
	 */
	spread: Record<DutyRole, { period: number; total: number }>;
}

/** Max − min of a list; 0 when it is empty. */
export function spreadOf(values: number[]): number {
	if (values.length === 0) return 0;
	let min = Infinity;
	let max = -Infinity;
	for (const v of values) {
		if (v < min) min = v;
		if (v > max) max = v;
	}
	return max - min;
}

/**
 * Assigns every open slot fairly; see the module comment for the rules and their order.
 * Two processing orders are tried (heavy first, then time order); the roster with fewer empty
 * slots wins, then the one with the smaller spread of total load, then heavy first.
 */
export function generateRoster(input: RosterInput): RosterResult {
	const slots: Slot[] = input.slots.map((src, index) => {
		const start = parseInstant(src.startsAt, src.key);
		const end = parseInstant(src.endsAt, src.key);
		if (!(end > start)) throw new RangeError(`slot ends before it starts: ${src.key}`);
		const fixed = src.fixedUserId !== null && src.fixedUserId !== undefined;
		return { index, src, start, end, weight: units(src.weight), fixed };
	});

	const dates: Record<DutyRole, string[]> = { leader: [], officer: [] };
	for (const role of ROLES) {
		dates[role] = [...new Set(input.slots.filter((x) => x.role === role).map((x) => x.date))];
	}
	let best: { attempt: Attempt; score: number[] } | null = null;
	for (const order of [heavyFirst, inTimeOrder]) {
		const attempt = fill(input, slots, order);
		const spread = spreads(attempt, dates);
		const score = [
			attempt.assigned.filter((p) => p === null).length,
			spread.leader.total + spread.officer.total,
			spread.leader.period + spread.officer.period
		];
		if (best === null || isBetter(score, best.score)) best = { attempt, score };
	}
	const { attempt } = best!;

	const loads: RosterResult['loads'] = new Map();
	for (const p of [...attempt.people.values()].sort((a, b) => a.id - b.id)) {
		loads.set(p.id, { period: p.period / SCALE, total: total(p) / SCALE, shifts: p.held.length });
	}
	return {
		assignments: slots.map((s) => ({
			slotKey: s.src.key,
			userId: attempt.assigned[s.index]?.id ?? null
		})),
		unfilled: slots.flatMap((s) =>
			attempt.assigned[s.index] ? [] : [{ slotKey: s.src.key, reason: reasonFor(attempt, s) }]
		),
		loads,
		spread: spreads(attempt, dates)
	};
}

function isBetter(score: number[], than: number[]): boolean {
	for (let i = 0; i < score.length; i++) if (score[i] !== than[i]) return score[i] < than[i];
	return false;
}

/**
 * Spread over the pool members who could serve at all: not exempt, and not away on every date
 * the role has slots (someone on leave for the whole period is not "under-loaded").
 */
function spreads(a: Attempt, dates: Record<DutyRole, string[]>): RosterResult['spread'] {
	const spread = {} as RosterResult['spread'];
	for (const role of ROLES) {
		const members = a.pools[role].filter(
			(p) => !p.exempt && dates[role].some((d) => !isAway(p, d))
		);
		spread[role] = {
			period: spreadOf(members.map((p) => p.period)) / SCALE,
			total: spreadOf(members.map(total)) / SCALE
		};
	}
	return spread;
}

/**
 * For hand editing: why `userId` cannot take `slot` given the other current assignments (the
 * slot's own current entry is ignored), or null when it is fine. Leave comes first, then serving
 * twice in one shift, then a real overlap, then shifts that touch (back to back).
 */
export function slotConflict(
	slot: DutySlot,
	userId: number,
	current: Array<{ slot: DutySlot; userId: number | null }>,
	unavailable: Unavailability[]
): SlotConflict | null {
	if (
		unavailable.some(
			(u) => u.userId === userId && u.startDate <= slot.date && slot.date <= u.endDate
		)
	) {
		return 'unavailable';
	}
	const start = Date.parse(slot.startsAt);
	const end = Date.parse(slot.endsAt);
	let overlap = false;
	let touching = false;
	for (const c of current) {
		if (c.userId !== userId || c.slot.key === slot.key) continue;
		if (c.slot.shiftKey === slot.shiftKey) return 'same_shift';
		const oStart = Date.parse(c.slot.startsAt);
		const oEnd = Date.parse(c.slot.endsAt);
		if (oStart < end && oEnd > start) overlap = true;
		else if (oStart === end || oEnd === start) touching = true;
	}
	return overlap ? 'overlap' : touching ? 'back_to_back' : null;
}
