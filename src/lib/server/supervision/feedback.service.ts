import * as m from '$lib/paraglide/messages';
import { WORKING_STATUSES, type SupervisionStatus } from '$lib/domain/supervision';
import { instantToZonedDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { canGiveSupervisionFeedback, supervisionStanding } from '../permissions';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { loadVisibleItem, supervisionViewer } from './access';
import { insertFeedback } from './feedback.repository';
import {
	feedbackSchema,
	MAX_FEEDBACK_FILE_BYTES,
	MAX_FEEDBACK_FILES,
	type FeedbackFile,
	type FeedbackInput
} from './feedback.schema';
import { insertFile } from './files.repository';
import { findItemById, insertEvent, moveItem, updateItemIn } from './items.repository';
import { itemStateMessage } from './items.service';
import { findMilestone, markMilestoneDone } from './milestones.repository';
import { shownItemTitle, tellAboutItem } from './supervision.notify';

// 反馈: the lead department (its head, the responsible person, a task's assignee) and the heads
// of co-departments report progress on an item while it is worked on (签收 or 承办中).

/**
 * Holds the item for the rest of the transaction while it is in one of `statuses`: a
 * compare-and-set on its row (the change time), so a parallel 申请办结 or 中止 waits for this
 * step, and steps on one item take turns. Refused with the item's state otherwise.
 */
export async function holdItem(
	trx: DB,
	id: number,
	statuses: readonly SupervisionStatus[],
	at: string
): Promise<void> {
	if (await updateItemIn(trx, id, statuses, { updated_at: at })) return;
	const now = await findItemById(trx, id);
	if (!now) throw new NotFoundError();
	throw new ValidationError({ _: itemStateMessage(now.status) });
}

/**
 * The monthly feedback cycle ('YYYY-MM') a report given on `today` answers: this month's until
 * its feedback day, the next month's after it (a late report does not make up a missed one).
 */
export function feedbackCycle(today: string, feedbackDay: number): string {
	const [y, mo, d] = today.split('-').map(Number);
	if (d <= feedbackDay) return today.slice(0, 7);
	const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
	return next;
}

/**
 * The attachments of one entry, checked: an untouched file input (no name, no bytes) is no file;
 * at most MAX_FEEDBACK_FILES, none empty, none over the size limit.
 */
export function checkFeedbackFiles(files: readonly FeedbackFile[]): FeedbackFile[] {
	const given = files.filter((f) => f.name !== '' || f.bytes.length > 0);
	if (given.length > MAX_FEEDBACK_FILES)
		throw new ValidationError({
			files: m.sup_progress_err_file_count({ max: MAX_FEEDBACK_FILES })
		});
	return given.map((f) => {
		const name = f.name
			.replace(/[\\/\r\n]/g, '_')
			.trim()
			.slice(0, 200);
		if (!name || f.bytes.length === 0)
			throw new ValidationError({ files: m.attachment_err_empty() });
		if (f.bytes.length > MAX_FEEDBACK_FILE_BYTES)
			throw new ValidationError({
				files: m.attachment_err_size({ mb: MAX_FEEDBACK_FILE_BYTES / 1048576 })
			});
		return { name, type: (f.type || 'application/octet-stream').slice(0, 120), bytes: f.bytes };
	});
}

/**
 * Adds a feedback entry with its attachments; its id. The lead department's first entry moves
 * the item 签收 → 承办中 (once, however many arrive together); the lead's percent becomes the
 * item's progress; the lead may report a milestone done with it. A co-department head's entry
 * is recorded for that co-department. The item's registrar is told in the app.
 */
export async function addFeedback(
	db: DB,
	actor: Actor,
	id: number,
	input: FeedbackInput,
	files: FeedbackFile[] = []
): Promise<number> {
	const viewer = await supervisionViewer(db, actor);
	const fb = parseInput(feedbackSchema, input);
	const uploads = checkFeedbackFiles(files);
	return inTransaction(db, async (trx) => {
		const item = await loadVisibleItem(trx, viewer, id);
		if (!canGiveSupervisionFeedback(viewer, item)) throw new ForbiddenError();
		const standing = supervisionStanding(viewer, item);
		const at = clock.nowIso();
		await holdItem(trx, id, WORKING_STATUSES, at);

		let milestone: Awaited<ReturnType<typeof findMilestone>>;
		if (fb.milestoneId != null) {
			milestone = await findMilestone(trx, id, fb.milestoneId);
			if (!milestone) throw new ValidationError({ milestoneId: m.sup_progress_err_milestone() });
		}
		if (fb.milestoneDone) {
			if (!milestone) throw new ValidationError({ milestoneId: m.sup_progress_err_milestone() });
			if (standing !== 'lead')
				throw new ValidationError({ milestoneDone: m.sup_progress_err_milestone_lead() });
		}

		// The co-department answers for itself; the lead and task assignees for the lead.
		const forLead = standing !== 'co';
		const departmentId = forLead ? item.leadDepartmentId : viewer.departmentId!;
		const cycle =
			item.feedbackDay != null
				? feedbackCycle(instantToZonedDate(at, (await getSettings(trx)).timeZone), item.feedbackDay)
				: null;
		const feedbackId = await insertFeedback(trx, {
			itemId: id,
			departmentId,
			authorId: actor.id,
			text: fb.text,
			percent: fb.percent,
			milestoneId: milestone?.id ?? null,
			cycle,
			at
		});
		for (const f of uploads)
			await insertFile(trx, {
				itemId: id,
				feedbackId,
				fileName: f.name,
				mime: f.type,
				content: f.bytes,
				uploadedBy: actor.id,
				uploadedAt: at
			});
		const started = forLead && (await moveItem(trx, id, ['signed'], 'in_progress'));
		if (standing === 'lead' && fb.percent != null)
			await updateItemIn(trx, id, WORKING_STATUSES, { progress: fb.percent });
		const milestoneDone =
			!!milestone &&
			!!fb.milestoneDone &&
			(await markMilestoneDone(trx, milestone.id, at, actor.id));

		await insertEvent(trx, {
			itemId: id,
			kind: 'feedback',
			actorId: actor.id,
			at,
			text: fb.text,
			data: {
				feedbackId,
				departmentId,
				percent: fb.percent,
				milestoneId: milestone?.id ?? null,
				cycle,
				files: uploads.map((f) => f.name)
			}
		});
		if (milestoneDone)
			await insertEvent(trx, {
				itemId: id,
				kind: 'milestone_done',
				actorId: actor.id,
				at,
				data: { milestoneId: milestone!.id, title: milestone!.title }
			});
		await audit(trx, actor, 'supervision.feedback', 'supervision', id, {
			feedbackId,
			department: departmentId,
			percent: fb.percent,
			cycle,
			files: uploads.map((f) => f.name),
			...(started ? { status: ['signed', 'in_progress'] } : {}),
			...(milestoneDone ? { milestone: milestone!.title } : {})
		});
		const title = shownItemTitle(item);
		await tellAboutItem(
			trx,
			item,
			{ userIds: [item.createdBy], except: [actor.id] },
			{
				step: 'feedback',
				title: (o) => m.sup_progress_note_feedback({ name: actor.name, title }, o),
				body: fb.text
			}
		);
		return feedbackId;
	});
}
