import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../validation';
import { canManageDuty } from '../permissions';
import { loadVisiblePeriod } from './access';
import { lockPeople, lockPeriod } from './locks';
import { findAssignmentById, setAssignmentUser } from './assignments.repository';
import { findPeopleByIds, findSwapById, updateSwapFrom, type DutySwap } from './swaps.repository';
import {
	activeOfficeIds,
	describeSlot,
	kindLabel,
	notify,
	shiftNamesOf,
	STORED
} from './swaps.notify';
import { assertStillPossible, movesOf } from './swaps.rules';
import * as clock from '../clock';

// A request once proposed (swaps.propose.ts): the colleague answers, the requester may take it
// back, the office decides.

const noteSchema = z
	.string()
	.trim()
	.max(200, { error: () => m.err_too_long({ max: 200 }) });

/**
 * Parties and the office see a request; anyone else is told it does not exist. Every change to
 * a request holds its period's lock (locks.ts) and reads the request under it: a second click
 * waits for the first and then finds the request already dealt with, and two approvals that
 * would together put one person on touching shifts are checked one after the other.
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
			responded_at: now.toISOString()
		});
		if (!moved) throw new ValidationError({ _: m.duty_swap_err_status() });
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: `duty_swap.${accept ? 'accept' : 'decline'}`,
			entity: 'duty_swap',
			entityId: swap.id,
			changes: { status: [swap.status, status] }
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
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_swap.withdraw',
			entity: 'duty_swap',
			entityId: swap.id,
			changes: { status: [swap.status, 'withdrawn'] }
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
	note: unknown = '',
	now = clock.now()
): Promise<void> {
	const decisionNote = parseInput(z.object({ note: noteSchema }), { note: note ?? '' }).note;
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
			decided_by: actor.id,
			decision_note: decisionNote,
			decided_at: now.toISOString()
		};
		if (!approve) {
			if (!(await updateSwapFrom(trx, swap.id, ['accepted'], { status: 'rejected', ...decided })))
				throw new ValidationError({ _: m.duty_swap_err_status() });
			await recordAudit(trx, {
				actor,
				ip: actor.ip,
				action: 'duty_swap.reject',
				entity: 'duty_swap',
				entityId: swap.id,
				changes: { status: ['accepted', 'rejected'], note: decisionNote }
			});
			const slot = (await findAssignmentById(trx, swap.assignmentId))!;
			const shift = describeSlot(slot, { shiftNames: await shiftNamesOf(trx, swap.periodId) });
			const title = m.duty_swap_notify_rejected({ kind, shift, note: decisionNote }, STORED);
			await notify(trx, [swap.requesterId, swap.counterpartId], title);
			return;
		}

		// Their shifts in a neighbouring period may touch these: held by person locks (locks.ts).
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
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_swap.approve',
			entity: 'duty_swap',
			entityId: swap.id,
			changes: { kind: swap.kind, slots: changes, note: decisionNote }
		});
		const shift = describeSlot(slot, roster);
		const title = m.duty_swap_notify_approved({ kind, from, to, shift }, STORED);
		const office = (await activeOfficeIds(trx)).filter((id) => id !== actor.id);
		await notify(trx, [swap.requesterId, swap.counterpartId, ...office], title, decisionNote);
	});
}
