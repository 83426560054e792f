import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ValidationError } from '../errors';
import { parseInput } from '../validation';
import { findAssignmentById, type DutyAssignment } from './assignments.repository';
import { lockPeriod } from './locks';
import { findOpenSwapsForSlots, findPeopleByIds, insertSwap, lockSlots } from './swaps.repository';
import { describeSlot, kindLabel, notify, roleLabel, STORED } from './swaps.notify';
import {
	eligibleFor,
	exchangeProblem,
	loadOwnSlot,
	loadRoster,
	movesOf,
	problemMessage,
	slotBlocked
} from './swaps.rules';
import * as clock from '../clock';

const idField = (message: () => string) =>
	z.preprocess(
		(v) => (v === '' || v == null ? undefined : v),
		z.coerce.number({ error: message }).int({ error: message }).positive({ error: message })
	);

const proposeSchema = z.object({
	assignmentId: z.coerce.number().int().positive(),
	kind: z.enum(['swap', 'handover'], { error: () => m.duty_swap_err_kind() }),
	counterpartId: idField(() => m.duty_swap_err_counterpart()),
	counterpartAssignmentId: z.preprocess(
		(v) => (v === '' || v == null ? null : v),
		z.coerce.number().int().positive().nullable()
	),
	reason: z
		.string({ error: () => m.duty_swap_err_reason() })
		.trim()
		.min(1, { error: () => m.duty_swap_err_reason() })
		.max(200, { error: () => m.err_too_long({ max: 200 }) })
});

/**
 * 调班 (swap: each takes the other's slot) or 替班 (hand-over: the colleague takes the slot).
 * Only the person on the slot proposes; nothing on the roster changes until the office approves.
 */
export async function proposeSwap(
	db: DB,
	actor: Actor,
	input: unknown,
	now = clock.now()
): Promise<number> {
	const data = parseInput(proposeSchema, input);
	const theirId = data.kind === 'swap' ? data.counterpartAssignmentId : null;
	return inTransaction(db, async (trx) => {
		// The period first, then the slots: the order of locks.ts.
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

		const roster = await loadRoster(trx, period, [actor.id, counterpart.id]);
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
			period_id: period.id,
			kind: data.kind,
			assignment_id: slot.id,
			counterpart_assignment_id: theirs?.id ?? null,
			requester_id: actor.id,
			counterpart_id: counterpart.id,
			reason: data.reason,
			status: 'proposed',
			created_at: now.toISOString()
		});
		const shift = describeSlot(slot, roster);
		const theirShift = theirs && describeSlot(theirs, roster);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'duty_swap.propose',
			entity: 'duty_swap',
			entityId: id,
			changes: {
				kind: data.kind,
				shift,
				counterpart: counterpart.name,
				counterpartShift: theirShift,
				reason: data.reason
			}
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
