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

export type DutyRole = 'leader' | 'officer';

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

const ROLES: readonly DutyRole[] = ['leader', 'officer'];

// Loads are summed in integer millionths so 0.1 + 0.2 ties with 0.3 and order never matters.
const SCALE = 1_000_000;
const units = (w: number): number => Math.round(w * SCALE);

/** Bounds the improvement pass: each move strictly lowers the load profile, so it ends anyway. */
const MAX_MOVES_PER_SLOT = 4;

interface Slot {
	index: number;
	src: DutySlot;
	start: number;
	end: number;
	weight: number;
	fixed: boolean;
}

interface Person {
	id: number;
	precedence: number;
	exempt: boolean;
	/** Leave ranges as [startDate, endDate]. */
	away: Array<[string, string]>;
	ledgerLoad: number;
	ledgerLast: string | null;
	ledgerLabels: Record<string, number>;
	period: number;
	periodLabels: Map<string, number>;
	/** Slots held this period; people hold few, so scanning them is cheap. */
	held: Slot[];
}

/** One way of filling the roster, tried from scratch. */
interface Attempt {
	people: Map<number, Person>;
	pools: Record<DutyRole, Person[]>;
	assigned: Array<Person | null>;
}

function parseInstant(iso: string, what: string): number {
	const ms = Date.parse(iso);
	if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${what} ${iso}`);
	return ms;
}

function total(p: Person): number {
	return p.ledgerLoad + p.period;
}

function lastServed(p: Person): string | null {
	let last = p.ledgerLast;
	for (const s of p.held) if (last === null || s.src.date > last) last = s.src.date;
	return last;
}

function labelCount(p: Person, label: string): number {
	return (p.ledgerLabels[label] ?? 0) + (p.periodLabels.get(label) ?? 0);
}

/** Negative when `a` should get the slot before `b`. A strict total order (ids are unique). */
function compare(a: Person, b: Person, label: string | null): number {
	if (label !== null) {
		const d = labelCount(a, label) - labelCount(b, label);
		if (d !== 0) return d;
	}
	const d = total(a) - total(b);
	if (d !== 0) return d;
	const la = lastServed(a);
	const lb = lastServed(b);
	if (la !== lb) {
		if (la === null) return -1;
		if (lb === null) return 1;
		return la < lb ? -1 : 1;
	}
	if (a.precedence !== b.precedence) return a.precedence < b.precedence ? -1 : 1;
	return a.id - b.id;
}

function isAway(p: Person, date: string): boolean {
	return p.away.some(([from, to]) => from <= date && date <= to);
}

/** Same shift, or an interval that overlaps or touches the slot's (ending exactly as it starts). */
function clashes(o: Slot, s: Slot): boolean {
	return o.src.shiftKey === s.src.shiftKey || (o.end >= s.start && o.start <= s.end);
}

function isBusy(p: Person, s: Slot): boolean {
	return p.held.some((o) => clashes(o, s));
}

function give(a: Attempt, p: Person, s: Slot): void {
	p.period += s.weight;
	p.held.push(s);
	const label = s.src.label;
	if (label !== null) p.periodLabels.set(label, (p.periodLabels.get(label) ?? 0) + 1);
	a.assigned[s.index] = p;
}

function takeBack(a: Attempt, p: Person, s: Slot): void {
	p.period -= s.weight;
	p.held.splice(p.held.indexOf(s), 1);
	const label = s.src.label;
	if (label !== null) p.periodLabels.set(label, (p.periodLabels.get(label) ?? 1) - 1);
	a.assigned[s.index] = null;
}

/** The first eligible pool member by the choice order, or null. */
function bestFor(a: Attempt, s: Slot, skip: Person | null = null): Person | null {
	let best: Person | null = null;
	for (const p of a.pools[s.src.role]) {
		if (p === skip || p.exempt || isAway(p, s.src.date) || isBusy(p, s)) continue;
		if (best === null || compare(p, best, s.src.label) < 0) best = p;
	}
	return best;
}

function reasonFor(a: Attempt, s: Slot): UnfilledReason {
	const members = a.pools[s.src.role].filter((p) => !p.exempt);
	if (members.length === 0) return 'pool_empty';
	return members.every((p) => isAway(p, s.src.date)) ? 'all_unavailable' : 'all_busy';
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

function byKey(a: Slot, b: Slot): number {
	return (a.src.key < b.src.key ? -1 : a.src.key > b.src.key ? 1 : 0) || a.index - b.index;
}

/** Heavier slots first, so the light ones even out what is left over. */
function heavyFirst(a: Slot, b: Slot): number {
	return b.weight - a.weight || a.start - b.start || byKey(a, b);
}

/** In time order: the fallback when heavy-first leaves gaps in a tight pool's chain of shifts. */
function inTimeOrder(a: Slot, b: Slot): number {
	return a.start - b.start || b.weight - a.weight || byKey(a, b);
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

/** Builds fresh state, places the locked slots, then fills, repairs and evens out the rest. */
function fill(input: RosterInput, slots: Slot[], order: (a: Slot, b: Slot) => number): Attempt {
	const people = new Map<number, Person>();
	const person = (id: number, precedence: number): Person => {
		let p = people.get(id);
		if (!p) {
			const entry = input.ledger.get(id);
			p = {
				id,
				precedence,
				exempt: input.exempt.has(id),
				away: [],
				ledgerLoad: entry ? units(entry.load) : 0,
				ledgerLast: entry?.lastServed ?? null,
				ledgerLabels: entry?.labels ?? {},
				period: 0,
				periodLabels: new Map(),
				held: []
			};
			people.set(id, p);
		} else if (precedence < p.precedence) {
			p.precedence = precedence;
		}
		return p;
	};

	// Pools in a canonical order (and without repeats) so the input order cannot matter.
	const pools = {} as Record<DutyRole, Person[]>;
	for (const role of ROLES) {
		const members = new Map<number, Person>();
		for (const c of input.pools[role] ?? []) members.set(c.id, person(c.id, c.precedence));
		pools[role] = [...members.values()].sort((a, b) => a.id - b.id);
	}
	for (const u of input.unavailable) people.get(u.userId)?.away.push([u.startDate, u.endDate]);

	const attempt: Attempt = { people, pools, assigned: slots.map(() => null) };

	// Locked slots first: they count toward loads and conflicts whatever the rules would say.
	for (const s of slots) if (s.fixed) give(attempt, person(s.src.fixedUserId!, Infinity), s);

	const open = slots.filter((s) => !s.fixed).sort(order);
	for (const s of open) {
		const p = bestFor(attempt, s);
		if (p) give(attempt, p, s);
	}
	for (const s of open) if (!attempt.assigned[s.index]) repair(attempt, s);
	improve(attempt, open);
	return attempt;
}

/**
 * Fills an empty slot by handing it to someone whose only obstacles are open slots that others
 * can take over instead (one step of an augmenting path). Undone when that does not work out.
 */
function repair(a: Attempt, s: Slot): void {
	const candidates = a.pools[s.src.role]
		.filter((p) => !p.exempt && !isAway(p, s.src.date))
		.sort((x, y) => compare(x, y, s.src.label));
	for (const c of candidates) {
		const blocking = c.held.filter((o) => clashes(o, s));
		if (blocking.some((o) => o.fixed)) continue;
		for (const o of blocking) takeBack(a, c, o);
		give(a, c, s);
		const moved: Array<[Slot, Person]> = [];
		for (const o of blocking) {
			const r = bestFor(a, o);
			if (!r) break;
			give(a, r, o);
			moved.push([o, r]);
		}
		if (moved.length === blocking.length) return;
		for (const [o, r] of moved) takeBack(a, r, o);
		takeBack(a, c, s);
		for (const o of blocking) give(a, c, o);
	}
}

/**
 * Evens out what the fill left: a slot moves from a person to someone of its pool whose total
 * load stays below the giver's former total (so the pair's maximum strictly drops and the sum of
 * squared loads falls, which bounds the pass), who is eligible, and who has done no more duties
 * with the slot's label than the giver would after the move. Candidates come in the usual order,
 * so the result stays deterministic.
 */
function improve(a: Attempt, open: Slot[]): void {
	let budget = open.length * MAX_MOVES_PER_SLOT;
	let moved = true;
	while (moved && budget > 0) {
		moved = false;
		for (const s of open) {
			const giver = a.assigned[s.index];
			if (!giver) continue;
			const label = s.src.label;
			takeBack(a, giver, s);
			let best: Person | null = null;
			for (const p of a.pools[s.src.role]) {
				if (p === giver || p.exempt) continue;
				// The giver is already without the slot: the receiver must end below the giver's old total.
				if (total(p) >= total(giver)) continue;
				if (label !== null && labelCount(p, label) > labelCount(giver, label)) continue;
				if (isAway(p, s.src.date) || isBusy(p, s)) continue;
				if (best === null || compare(p, best, label) < 0) best = p;
			}
			if (best) {
				give(a, best, s);
				moved = true;
				if (--budget <= 0) return;
			} else {
				give(a, giver, s);
			}
		}
	}
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
