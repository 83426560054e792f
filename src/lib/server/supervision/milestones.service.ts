import * as m from '$lib/paraglide/messages';
import { OPEN_STATUSES, WORKING_STATUSES } from '$lib/domain/supervision';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { canAnswerSupervisionItem, canManageSupervision } from '../permissions';
import { parseInput } from '../validation';
import { loadAnsweredItem, loadVisibleItem, supervisionViewer } from './access';
import { holdItem } from './feedback.service';
import { insertEvent } from './items.repository';
import { findMilestone, insertMilestone, markMilestoneDone } from './milestones.repository';
import { milestoneSchema, type MilestoneInput } from './milestones.schema';
import { shownItemTitle, tellAboutItem } from './supervision.notify';

// 节点: milestones of a long item, each with its own date (urged when missed); the supervisor or
// the lead adds them, the lead reports them done.

/**
 * A supervisor, a leader or the lead adds a milestone to an open item, on or before the item's
 * deadline; its id. The lead department is told when the supervisor adds one.
 */
export async function addMilestone(
	db: DB,
	actor: Actor,
	id: number,
	input: MilestoneInput
): Promise<number> {
	const viewer = await supervisionViewer(db, actor);
	const ms = parseInput(milestoneSchema, input);
	return inTransaction(db, async (trx) => {
		const item = await loadVisibleItem(trx, viewer, id);
		if (!canManageSupervision(viewer) && !canAnswerSupervisionItem(viewer, item))
			throw new ForbiddenError();
		const at = clock.nowIso();
		// Held: milestones of one item are numbered one after another.
		await holdItem(trx, id, OPEN_STATUSES, at);
		if (ms.dueDate > item.deadline)
			throw new ValidationError({ dueDate: m.sup_progress_err_milestone_due() });
		const milestoneId = await insertMilestone(trx, id, ms);
		await insertEvent(trx, {
			itemId: id,
			kind: 'milestone',
			actorId: actor.id,
			at,
			text: ms.title,
			data: { milestoneId, title: ms.title, dueDate: ms.dueDate }
		});
		await audit(trx, actor, 'supervision.milestone', 'supervision', id, {
			milestoneId,
			title: ms.title,
			dueDate: ms.dueDate
		});
		const title = shownItemTitle(item);
		await tellAboutItem(
			trx,
			item,
			{
				headsOf: [item.leadDepartmentId],
				userIds: [item.responsibleId],
				except: [actor.id]
			},
			{
				step: 'milestone',
				title: (o) => m.sup_progress_note_milestone({ milestone: ms.title, title }, o)
			}
		);
		return milestoneId;
	});
}

/** The lead reports a milestone done (once); the item's registrar is told in the app. */
export async function completeMilestone(
	db: DB,
	actor: Actor,
	id: number,
	milestoneId: number
): Promise<void> {
	const viewer = await supervisionViewer(db, actor);
	await inTransaction(db, async (trx) => {
		const item = await loadAnsweredItem(trx, viewer, id);
		const ms = await findMilestone(trx, id, milestoneId);
		if (!ms) throw new NotFoundError();
		const at = clock.nowIso();
		await holdItem(trx, id, WORKING_STATUSES, at);
		if (!(await markMilestoneDone(trx, ms.id, at, actor.id)))
			throw new ValidationError({ _: m.sup_progress_err_milestone_done() });
		await insertEvent(trx, {
			itemId: id,
			kind: 'milestone_done',
			actorId: actor.id,
			at,
			data: { milestoneId: ms.id, title: ms.title }
		});
		await audit(trx, actor, 'supervision.milestone_done', 'supervision', id, {
			milestoneId: ms.id,
			title: ms.title
		});
		const title = shownItemTitle(item);
		await tellAboutItem(
			trx,
			item,
			{ userIds: [item.createdBy], except: [actor.id] },
			{
				step: 'milestone_done',
				title: (o) => m.sup_progress_note_milestone_done({ milestone: ms.title, title }, o)
			}
		);
	});
}
