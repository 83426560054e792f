import * as m from '$lib/paraglide/messages';
import {
	exchangeProblem,
	movesOf,
	type ExchangeProblem,
	type SwapRoster
} from '$lib/domain/duty-swaps';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { canManageDuty, DUTY_ROLE_HOLDERS } from '../permissions';
import { parseInput } from '../validation';
import * as clock from '../clock';
import { lockPeople, lockPeriod, lockSlots } from './locks.repository';
import { listShifts, type DutyPeriod } from './periods.repository';
import { loadVisiblePeriod } from './periods.service';
import {
	findAssignmentById,
	listAssignments,
	listShiftsOfPeopleAround,
	setAssignmentUser,
	type DutyAssignment
} from './roster.repository';
import {
	findPeopleByIds,
	listActivePeopleWithRoles,
	listExemptions,
	listPoolUserIds,
	type Person
} from './pools.repository';
import { listUnavailability } from './availability.repository';
import {
	findOpenSwapsForSlots,
	findSwapById,
	insertSwap,
	updateSwapFrom,
	type DutySwap
} from './swaps.repository';
import { decisionNoteSchema, proposeSwapSchema, type ProposeSwapInput } from './swaps.schema';
import {
	activeOfficeIds,
	dateLabel,
	describeSlot,
	kindLabel,
	notify,
	roleLabel,
	shiftNamesOf,
	STORED
} from './swaps.notify';

// 调班 and 替班: a person on a published roster proposes, the colleague answers, the requester
// may take it back, the office decides. The checks themselves are pure ($lib/domain/duty-swaps).

type Roster = SwapRoster<DutyAssignment>;
type Problem = ExchangeProblem<DutyAssignment>;

// ---- the roster around a swap ------------------------------------------------------------

/** The period's roster, with leave of everyone on it and of the candidates named. */
export async function loadSwapRoster(
	db: DB,
	period: DutyPeriod,
	candidates: number[]
): Promise<Roster> {
	const [slots, shifts, exemptions] = await Promise.all([
		listAssignments(db, period.id),
		listShifts(db, period.id),
		listExemptions(db, period.id)
	]);
	const exempt = new Map(exemptions.map((e) => [e.id, e.reason]));
	const ids = new Set(candidates);
	for (const a of slots) if (a.userId !== null) ids.add(a.userId);
	// Oldest first, so a refusal names the earliest entry that keeps a person away.
	const unavailable = (
		await listUnavailability(db, {
			start: period.startDate,
			end: period.endDate,
			userIds: [...ids]
		})
	)
		.reverse()
		.map((u) => ({
			userId: u.userId,
			startDate: u.startDate,
			endDate: u.endDate,
			reason: u.reason
		}));
	const from = slots.reduce((t, a) => (a.startsAt < t ? a.startsAt : t), '9999');
	const to = slots.reduce((t, a) => (a.endsAt > t ? a.endsAt : t), '');
	const around = slots.length
		? await listShiftsOfPeopleAround(db, candidates, period.id, from, to)
		: [];
	const shiftNames = new Map(shifts.map((s) => [s.id, s.name]));
	return { slots, around, shiftNames, exempt, unavailable };
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
	const roster = await loadSwapRoster(db, period, [swap.requesterId, swap.counterpartId]);
	const moves = movesOf(swap.kind, slot, theirs, swap.requesterId, swap.counterpartId);
	const problem = exchangeProblem(roster, moves);
	if (problem) {
		const who = people.find((p) => p.id === problem.userId)!;
		throw new ValidationError({ _: problemMessage(problem, roster, who.name) });
	}
	return { slot, theirs, roster };
}

// ---- proposing ------------------------------------------------------------------------------

/**
 * 调班 (swap: each takes the other's slot) or 替班 (hand-over: the colleague takes the slot).
 * Only the person on the slot proposes; nothing on the roster changes until the office approves.
 */
export async function proposeSwap(
	db: DB,
	actor: Actor,
	input: ProposeSwapInput,
	now = clock.now()
): Promise<number> {
	const data = parseInput(proposeSwapSchema, input);
	const theirId = data.kind === 'swap' ? data.counterpartAssignmentId : null;
	return inTransaction(db, async (trx) => {
		// The period first, then the slots: the order of locks.repository.
		const seen = await findAssignmentById(trx, data.assignmentId);
		if (seen) await lockPeriod(trx, seen.periodId);
		await lockSlots(trx, theirId ? [data.assignmentId, theirId] : [data.assignmentId]);
		const { period, slot } = await loadOwnSlot(trx, actor, data.assignmentId);
		const blocked = await slotBlocked(trx, period, slot, now);
		if (blocked) throw new ValidationError({ _: blocked });
		if (data.counterpartId === actor.id)
			throw new ValidationError({ counterpartId: m.duty_swap_err_self() });
		const [counterpart] = await findPeopleByIds(trx, [data.counterpartId]);
		if (!counterpart?.isActive)
			throw new ValidationError({ counterpartId: m.duty_swap_err_inactive() });

		let theirs: DutyAssignment | null = null;
		if (data.kind === 'swap') {
			if (!theirId)
				throw new ValidationError({ counterpartAssignmentId: m.duty_swap_err_counterpart_slot() });
			theirs = (await findAssignmentById(trx, theirId)) ?? null;
			if (!theirs || theirs.periodId !== period.id || theirs.userId !== counterpart.id) {
				const message = m.duty_swap_err_slot_not_theirs({ name: counterpart.name });
				throw new ValidationError({ counterpartAssignmentId: message });
			}
			if (theirs.role !== slot.role)
				throw new ValidationError({ counterpartAssignmentId: m.duty_swap_err_slot_role() });
			if (Date.parse(theirs.startsAt) <= now.getTime())
				throw new ValidationError({
					counterpartAssignmentId: m.duty_swap_err_counterpart_started()
				});
			if ((await findOpenSwapsForSlots(trx, [theirs.id])).length)
				throw new ValidationError({ counterpartAssignmentId: m.duty_swap_err_open() });
		} else if (
			!(await eligibleFor(trx, period.id, slot.role)).some((p) => p.id === counterpart.id)
		) {
			const message = m.duty_swap_err_not_in_pool({
				name: counterpart.name,
				role: roleLabel(slot.role)
			});
			throw new ValidationError({ counterpartId: message });
		}

		const roster = await loadSwapRoster(trx, period, [actor.id, counterpart.id]);
		const problem = exchangeProblem(
			roster,
			movesOf(data.kind, slot, theirs, actor.id, counterpart.id)
		);
		if (problem) {
			const mine = problem.userId === actor.id;
			const message = problemMessage(problem, roster, mine ? actor.name : counterpart.name);
			throw new ValidationError({ [mine ? 'counterpartAssignmentId' : 'counterpartId']: message });
		}

		const id = await insertSwap(trx, {
			periodId: period.id,
			kind: data.kind,
			assignmentId: slot.id,
			counterpartAssignmentId: theirs?.id ?? null,
			requesterId: actor.id,
			counterpartId: counterpart.id,
			reason: data.reason,
			createdAt: now.toISOString()
		});
		const shift = describeSlot(slot, roster);
		const theirShift = theirs && describeSlot(theirs, roster);
		await audit(trx, actor, 'duty_swap.propose', 'duty_swap', id, {
			kind: data.kind,
			shift,
			counterpart: counterpart.name,
			counterpartShift: theirShift,
			reason: data.reason
		});
		const title = m.duty_swap_notify_proposed(
			{
				name: actor.name,
				kind: kindLabel(data.kind),
				shift: theirShift ? `${shift} ⇄ ${theirShift}` : shift
			},
			STORED
		);
		await notify(trx, [counterpart.id], title, data.reason);
		return id;
	});
}

// ---- answering, withdrawing, deciding -------------------------------------------------------

/**
 * Parties and the office see a request; anyone else is told it does not exist. Every change to
 * a request holds its period's lock (locks.repository) and reads the request under it: a
 * second click waits for the first and then finds the request already dealt with, and two
 * approvals that would together put one person on touching shifts are checked one after the
 * other.
 */
async function loadVisibleSwap(trx: DB, actor: Actor, id: number): Promise<DutySwap> {
	const seen = await findSwapById(trx, id);
	if (seen) await lockPeriod(trx, seen.periodId);
	const swap = seen && (await findSwapById(trx, id));
	const party = swap && (swap.requesterId === actor.id || swap.counterpartId === actor.id);
	if (!swap || (!party && !canManageDuty(actor))) throw new NotFoundError();
	await loadVisiblePeriod(trx, actor, swap.periodId);
	return swap;
}

/** The named colleague accepts (it then waits for the office) or declines. */
export async function respondToSwap(
	db: DB,
	actor: Actor,
	swapId: number,
	accept: boolean,
	now = clock.now()
): Promise<void> {
	await inTransaction(db, async (trx) => {
		const swap = await loadVisibleSwap(trx, actor, swapId);
		if (swap.counterpartId !== actor.id) throw new ForbiddenError();
		if (swap.status !== 'proposed') throw new ValidationError({ _: m.duty_swap_err_status() });
		const { slot, roster } = accept
			? await assertStillPossible(trx, actor, swap, now)
			: { slot: (await findAssignmentById(trx, swap.assignmentId))!, roster: null };
		const status = accept ? 'accepted' : 'declined';
		const moved = await updateSwapFrom(trx, swap.id, ['proposed'], {
			status,
			respondedAt: now.toISOString()
		});
		if (!moved) throw new ValidationError({ _: m.duty_swap_err_status() });
		await audit(trx, actor, `duty_swap.${accept ? 'accept' : 'decline'}`, 'duty_swap', swap.id, {
			status: [swap.status, status]
		});
		const shiftNames = roster?.shiftNames ?? (await shiftNamesOf(trx, swap.periodId));
		const shift = describeSlot(slot, { shiftNames });
		const kind = kindLabel(swap.kind);
		if (!accept) {
			const title = m.duty_swap_notify_declined({ name: actor.name, kind, shift }, STORED);
			await notify(trx, [swap.requesterId], title);
			return;
		}
		await notify(
			trx,
			[swap.requesterId],
			m.duty_swap_notify_accepted({ name: actor.name, kind }, STORED)
		);
		const [requester] = await findPeopleByIds(trx, [swap.requesterId]);
		// Those in the request cannot approve it, so they are not asked to.
		const parties = [swap.requesterId, swap.counterpartId];
		const office = (await activeOfficeIds(trx)).filter((id) => !parties.includes(id));
		const title = m.duty_swap_notify_awaiting(
			{ kind, from: requester.name, to: actor.name, shift },
			STORED
		);
		await notify(trx, office, title, swap.reason);
	});
}

/** The requester takes the request back while it is still open. */
export async function withdrawSwap(db: DB, actor: Actor, swapId: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const swap = await loadVisibleSwap(trx, actor, swapId);
		if (swap.requesterId !== actor.id) throw new ForbiddenError();
		const moved = await updateSwapFrom(trx, swap.id, ['proposed', 'accepted'], {
			status: 'withdrawn'
		});
		if (!moved) throw new ValidationError({ _: m.duty_swap_err_status() });
		await audit(trx, actor, 'duty_swap.withdraw', 'duty_swap', swap.id, {
			status: [swap.status, 'withdrawn']
		});
		const slot = (await findAssignmentById(trx, swap.assignmentId))!;
		const shift = describeSlot(slot, { shiftNames: await shiftNamesOf(trx, swap.periodId) });
		const title = m.duty_swap_notify_withdrawn(
			{ name: actor.name, kind: kindLabel(swap.kind), shift },
			STORED
		);
		await notify(trx, [swap.counterpartId], title);
	});
}

/**
 * The office approves (the slots change hands, and with them the ledger) or rejects with a
 * reason. Nobody decides a request they are part of; approval re-checks leave and clashes now.
 */
export async function decideSwap(
	db: DB,
	actor: Actor,
	swapId: number,
	approve: boolean,
	note = '',
	now = clock.now()
): Promise<void> {
	const decisionNote = parseInput(decisionNoteSchema, { note: note ?? '' }).note;
	await inTransaction(db, async (trx) => {
		const swap = await loadVisibleSwap(trx, actor, swapId);
		if (!canManageDuty(actor)) throw new ForbiddenError();
		if (swap.requesterId === actor.id || swap.counterpartId === actor.id)
			throw new ValidationError({ _: m.duty_swap_err_own() });
		if (swap.status !== 'accepted') throw new ValidationError({ _: m.duty_swap_err_status() });
		if (!approve && !decisionNote)
			throw new ValidationError({ note: m.duty_swap_err_reject_note() });

		const people = new Map(
			(await findPeopleByIds(trx, [swap.requesterId, swap.counterpartId])).map((p) => [
				p.id,
				p.name
			])
		);
		const from = people.get(swap.requesterId)!;
		const to = people.get(swap.counterpartId)!;
		const kind = kindLabel(swap.kind);
		const decided = {
			decidedBy: actor.id,
			decisionNote,
			decidedAt: now.toISOString()
		};
		if (!approve) {
			if (!(await updateSwapFrom(trx, swap.id, ['accepted'], { status: 'rejected', ...decided })))
				throw new ValidationError({ _: m.duty_swap_err_status() });
			await audit(trx, actor, 'duty_swap.reject', 'duty_swap', swap.id, {
				status: ['accepted', 'rejected'],
				note: decisionNote
			});
			const slot = (await findAssignmentById(trx, swap.assignmentId))!;
			const shift = describeSlot(slot, { shiftNames: await shiftNamesOf(trx, swap.periodId) });
			const title = m.duty_swap_notify_rejected({ kind, shift, note: decisionNote }, STORED);
			await notify(trx, [swap.requesterId, swap.counterpartId], title);
			return;
		}

		// Their shifts in a neighbouring period may touch these: held by person locks (locks.repository).
		await lockPeople(trx, [swap.requesterId, swap.counterpartId]);
		const { slot, theirs, roster } = await assertStillPossible(trx, actor, swap, now);
		if (!(await updateSwapFrom(trx, swap.id, ['accepted'], { status: 'approved', ...decided })))
			throw new ValidationError({ _: m.duty_swap_err_status() });
		const moves = movesOf(swap.kind, slot, theirs, swap.requesterId, swap.counterpartId);
		for (const mv of moves) await setAssignmentUser(trx, mv.slotId, mv.userId);
		const changes = moves.map((mv) => {
			const a = mv.slotId === slot.id ? slot : theirs!;
			return {
				assignmentId: a.id,
				shift: describeSlot(a, roster),
				weight: a.weight,
				before: people.get(a.userId!),
				after: people.get(mv.userId)
			};
		});
		await audit(trx, actor, 'duty_swap.approve', 'duty_swap', swap.id, {
			kind: swap.kind,
			slots: changes,
			note: decisionNote
		});
		const shift = describeSlot(slot, roster);
		const title = m.duty_swap_notify_approved({ kind, from, to, shift }, STORED);
		const office = (await activeOfficeIds(trx)).filter((id) => id !== actor.id);
		await notify(trx, [swap.requesterId, swap.counterpartId, ...office], title, decisionNote);
	});
}
