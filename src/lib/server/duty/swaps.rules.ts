import * as m from '$lib/paraglide/messages';
import { slotConflict, type DutySlot, type SlotConflict } from '$lib/domain/duty-roster';
import type { Actor } from '../actor';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { DUTY_ROLE_HOLDERS } from '../permissions';
import { loadVisiblePeriod } from './access';
import { listShifts, type DutyPeriod } from './duty.repository';
import {
	findAssignmentById,
	listAssignments,
	listShiftsOfPeopleAround,
	type DutyAssignment
} from './assignments.repository';
import {
	findOpenSwapsForSlots,
	findPeopleByIds,
	listActivePeopleWithRoles,
	listExemptions,
	listPoolUserIds,
	listUnavailabilityOf,
	lockSlots,
	type DutySwap,
	type Person
} from './swaps.repository';
import { dateLabel } from './swaps.notify';

// ---- the roster around a swap ------------------------------------------------------------

export interface Roster {
	slots: DutyAssignment[];
	/** The candidates' shifts in other periods that meet this one's dates (they may touch). */
	around: DutyAssignment[];
	shiftNames: Map<number, string>;
	exempt: Map<number, string>;
	unavailable: Array<{ userId: number; startDate: string; endDate: string; reason: string }>;
}

interface Move {
	slotId: number;
	userId: number;
}

interface Problem {
	kind: SlotConflict | 'exempt';
	userId: number;
	slot: DutyAssignment;
	reason: string;
}

/** The period's roster, with leave of everyone on it and of the candidates named. */
export async function loadRoster(
	db: DB,
	period: DutyPeriod,
	candidates: number[]
): Promise<Roster> {
	const [slots, shifts, exempt] = await Promise.all([
		listAssignments(db, period.id),
		listShifts(db, period.id),
		listExemptions(db, period.id)
	]);
	const ids = new Set(candidates);
	for (const a of slots) if (a.userId !== null) ids.add(a.userId);
	const unavailable = await listUnavailabilityOf(db, [...ids], period.startDate, period.endDate);
	const from = slots.reduce((t, a) => (a.startsAt < t ? a.startsAt : t), '9999');
	const to = slots.reduce((t, a) => (a.endsAt > t ? a.endsAt : t), '');
	const around = slots.length
		? await listShiftsOfPeopleAround(db, candidates, period.id, from, to)
		: [];
	const shiftNames = new Map(shifts.map((s) => [s.id, s.name]));
	return { slots, around, shiftNames, exempt, unavailable };
}

function toDutySlot(a: DutyAssignment): DutySlot {
	return {
		key: `${a.id}`,
		shiftKey: `${a.shiftId}:${a.date}`,
		date: a.date,
		startsAt: a.startsAt,
		endsAt: a.endsAt,
		role: a.role,
		weight: a.weight,
		label: a.label || null
	};
}

/** What would be wrong once the slots move to these people (everything else staying put). */
export function exchangeProblem(r: Roster, moves: Move[]): Problem | null {
	const moved = new Map(moves.map((mv) => [mv.slotId, mv.userId]));
	const current = [...r.slots, ...r.around].map((a) => ({
		slot: toDutySlot(a),
		userId: moved.has(a.id) ? moved.get(a.id)! : a.userId
	}));
	for (const mv of moves) {
		const slot = r.slots.find((a) => a.id === mv.slotId)!;
		const conflict = slotConflict(toDutySlot(slot), mv.userId, current, r.unavailable);
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

export function movesOf(
	kind: DutySwap['kind'],
	slot: DutyAssignment,
	theirs: DutyAssignment | null,
	requesterId: number,
	counterpartId: number
): Move[] {
	const moves = [{ slotId: slot.id, userId: counterpartId }];
	if (kind === 'swap' && theirs) moves.push({ slotId: theirs.id, userId: requesterId });
	return moves;
}

/** The refusal, naming the person: "李四 在 10月3日 请假/不可值班（出差），不能调入". */
export function problemMessage(p: Problem, r: Roster, name: string): string {
	const date = dateLabel(p.slot.date);
	const shift = r.shiftNames.get(p.slot.shiftId) ?? '';
	switch (p.kind) {
		case 'unavailable':
			return m.duty_swap_err_unavailable({ name, date, reason: p.reason });
		case 'exempt':
			return m.duty_swap_err_exempt({ name, reason: p.reason });
		case 'same_shift':
			return m.duty_swap_err_same_shift({ name, date, shift });
		case 'back_to_back':
			return m.duty_swap_err_back_to_back({ name, date, shift });
		case 'overlap':
			return m.duty_swap_err_overlap({ name, date, shift });
	}
}

/** The short mark next to a name in the form: "10月3日不可值班". */
export function problemHint(p: Problem): string {
	switch (p.kind) {
		case 'unavailable':
			return m.duty_swap_hint_unavailable({ date: dateLabel(p.slot.date) });
		case 'exempt':
			return m.duty_swap_hint_exempt();
		case 'same_shift':
			return m.duty_swap_hint_same_shift();
		case 'back_to_back':
			return m.duty_swap_hint_back_to_back();
		case 'overlap':
			return m.duty_swap_hint_overlap();
	}
}

// ---- who may do what -----------------------------------------------------------------------

/** Why the slot cannot be offered now, or null: draft roster, shift started, request open. */
export async function slotBlocked(
	db: DB,
	period: DutyPeriod,
	slot: DutyAssignment,
	now: Date
): Promise<string | null> {
	if (period.status !== 'published') return m.duty_swap_err_draft();
	if (Date.parse(slot.startsAt) <= now.getTime()) return m.duty_swap_err_started();
	if ((await findOpenSwapsForSlots(db, [slot.id])).length) return m.duty_swap_err_open();
	return null;
}

/** The actor's own slot: unseen → not found, someone else's → forbidden. */
export async function loadOwnSlot(db: DB, actor: Actor, assignmentId: number) {
	const slot = await findAssignmentById(db, assignmentId);
	if (!slot) throw new NotFoundError();
	const period = await loadVisiblePeriod(db, actor, slot.periodId);
	if (slot.userId !== actor.id) throw new ForbiddenError();
	return { period, slot };
}

/** People who may take over a slot of this role: the pool, or without one anyone fitting. */
export async function eligibleFor(db: DB, periodId: number, role: DutyRole): Promise<Person[]> {
	const pool = await listPoolUserIds(db, periodId, role);
	// Without a pool for the role, anyone active holding one of its roles may take the shift.
	if (!pool.length) return listActivePeopleWithRoles(db, [...DUTY_ROLE_HOLDERS[role]]);
	return (await findPeopleByIds(db, pool)).filter((p) => p.isActive);
}

/** The slots of a request as they are now, and whether they are still held as proposed. */
async function loadSwapSlots(db: DB, swap: DutySwap) {
	await lockSlots(db, [swap.assignmentId, swap.counterpartAssignmentId ?? swap.assignmentId]);
	const slot = (await findAssignmentById(db, swap.assignmentId))!;
	const theirs = swap.counterpartAssignmentId
		? ((await findAssignmentById(db, swap.counterpartAssignmentId)) ?? null)
		: null;
	const intact =
		slot.userId === swap.requesterId &&
		(swap.kind === 'handover' || theirs?.userId === swap.counterpartId);
	return { slot, theirs, intact };
}

/** Re-checks a request against the roster as it is now; throws the first problem found. */
export async function assertStillPossible(db: DB, actor: Actor, swap: DutySwap, now: Date) {
	const period = await loadVisiblePeriod(db, actor, swap.periodId);
	if (period.status !== 'published') throw new ValidationError({ _: m.duty_swap_err_draft() });
	const { slot, theirs, intact } = await loadSwapSlots(db, swap);
	if (!intact) throw new ValidationError({ _: m.duty_swap_err_roster_changed() });
	if ([slot, theirs].some((a) => a && Date.parse(a.startsAt) <= now.getTime()))
		throw new ValidationError({ _: m.duty_swap_err_started() });
	const people = await findPeopleByIds(db, [swap.requesterId, swap.counterpartId]);
	if (people.some((p) => !p.isActive)) throw new ValidationError({ _: m.duty_swap_err_inactive() });
	const roster = await loadRoster(db, period, [swap.requesterId, swap.counterpartId]);
	const moves = movesOf(swap.kind, slot, theirs, swap.requesterId, swap.counterpartId);
	const problem = exchangeProblem(roster, moves);
	if (problem) {
		const who = people.find((p) => p.id === problem.userId)!;
		throw new ValidationError({ _: problemMessage(problem, roster, who.name) });
	}
	return { slot, theirs, roster };
}
