/**
 * The machinery behind generateRoster in duty-roster.ts: per-attempt state of people and slots,
 * the choice order, and the fill, repair and improvement passes. Internal to the roster module.
 */

import type { DutyRole, DutySlot, RosterInput, UnfilledReason } from './duty-roster';

import { DUTY_ROLES } from './duty-terms';
export const ROLES: readonly DutyRole[] = DUTY_ROLES;

// Loads are summed in integer millionths so 0.1 + 0.2 ties with 0.3 and order never matters.
export const SCALE = 1_000_000;
export const units = (w: number): number => Math.round(w * SCALE);

/** Bounds the improvement pass: each move strictly lowers the load profile, so it ends anyway. */
const MAX_MOVES_PER_SLOT = 4;

export interface Slot {
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
export interface Attempt {
	people: Map<number, Person>;
	pools: Record<DutyRole, Person[]>;
	assigned: Array<Person | null>;
}

export function parseInstant(iso: string, what: string): number {
	const ms = Date.parse(iso);
	if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${what} ${iso}`);
	return ms;
}

export function total(p: Person): number {
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

export function isAway(p: Person, date: string): boolean {
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

export function reasonFor(a: Attempt, s: Slot): UnfilledReason {
	const members = a.pools[s.src.role].filter((p) => !p.exempt);
	if (members.length === 0) return 'pool_empty';
	return members.every((p) => isAway(p, s.src.date)) ? 'all_unavailable' : 'all_busy';
}

function byKey(a: Slot, b: Slot): number {
	return (a.src.key < b.src.key ? -1 : a.src.key > b.src.key ? 1 : 0) || a.index - b.index;
}

/** Heavier slots first, so the light ones even out what is left over. */
export function heavyFirst(a: Slot, b: Slot): number {
	return b.weight - a.weight || a.start - b.start || byKey(a, b);
}

/** In time order: the fallback when heavy-first leaves gaps in a tight pool's chain of shifts. */
export function inTimeOrder(a: Slot, b: Slot): number {
	return a.start - b.start || b.weight - a.weight || byKey(a, b);
}

/** Builds fresh state, places the locked slots, then fills, repairs and evens out the rest. */
export function fill(
	input: RosterInput,
	slots: Slot[],
	order: (a: Slot, b: Slot) => number
): Attempt {
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
