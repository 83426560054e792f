import * as m from '$lib/paraglide/messages';
import { WORKING_STATUSES } from '$lib/domain/supervision';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { findPersonById } from '../org/users.service';
import { canAnswerSupervisionItem } from '../permissions';
import { parseInput } from '../validation';
import { loadAnsweredItem, loadVisibleItem, supervisionViewer } from './access';
import { holdItem } from './feedback.service';
import { insertEvent, moveItem } from './items.repository';
import { shownItemTitle, tellAboutItem } from './supervision.notify';
import { findTask, insertTask, markTaskDone } from './tasks.repository';
import { taskSchema, type TaskInput } from './tasks.schema';

// 任务分解: the lead department gives parts of an item to its own people; the assignee then sees
// the item, reports on it and marks the task done (or the lead does).

/**
 * The lead (its head or the responsible person) gives a task to an active person of the lead
 * department; the first task moves the item 签收 → 承办中. The assignee is told in the app and
 * by e-mail. Returns the task's id.
 */
export async function addTask(db: DB, actor: Actor, id: number, input: TaskInput): Promise<number> {
	const viewer = await supervisionViewer(db, actor);
	const t = parseInput(taskSchema, input);
	return inTransaction(db, async (trx) => {
		const item = await loadAnsweredItem(trx, viewer, id);
		const at = clock.nowIso();
		await holdItem(trx, id, WORKING_STATUSES, at);
		const person = await findPersonById(trx, t.assigneeId);
		if (!person || !person.isActive || person.departmentId !== item.leadDepartmentId)
			throw new ValidationError({ assigneeId: m.sup_progress_err_task_assignee() });
		if (t.deadline && t.deadline > item.deadline)
			throw new ValidationError({ deadline: m.sup_progress_err_task_deadline() });
		const taskId = await insertTask(trx, {
			itemId: id,
			assigneeId: person.id,
			text: t.text,
			deadline: t.deadline || null,
			createdBy: actor.id,
			at
		});
		const started = await moveItem(trx, id, ['signed'], 'in_progress');
		await insertEvent(trx, {
			itemId: id,
			kind: 'task',
			actorId: actor.id,
			at,
			text: t.text,
			data: {
				taskId,
				assigneeId: person.id,
				assigneeName: person.name,
				deadline: t.deadline || null
			}
		});
		await audit(trx, actor, 'supervision.task', 'supervision', id, {
			taskId,
			assignee: person.name,
			deadline: t.deadline || null,
			...(started ? { status: ['signed', 'in_progress'] } : {})
		});
		const title = shownItemTitle(item);
		await tellAboutItem(
			trx,
			item,
			{ userIds: [person.id], except: [actor.id] },
			{
				step: 'task',
				title: (o) => m.sup_progress_note_task({ title }, o),
				body: t.text,
				mail: true
			}
		);
		return taskId;
	});
}

/**
 * The assignee or the lead marks a task done (once: a second click is told it is done). The
 * one who gave it and the assignee are told in the app.
 */
export async function completeTask(
	db: DB,
	actor: Actor,
	id: number,
	taskId: number
): Promise<void> {
	const viewer = await supervisionViewer(db, actor);
	await inTransaction(db, async (trx) => {
		const item = await loadVisibleItem(trx, viewer, id);
		const task = await findTask(trx, id, taskId);
		if (!task) throw new NotFoundError();
		if (task.assigneeId !== actor.id && !canAnswerSupervisionItem(viewer, item))
			throw new ForbiddenError();
		const at = clock.nowIso();
		await holdItem(trx, id, WORKING_STATUSES, at);
		if (!(await markTaskDone(trx, taskId, at)))
			throw new ValidationError({ _: m.sup_progress_err_task_done() });
		await insertEvent(trx, {
			itemId: id,
			kind: 'task_done',
			actorId: actor.id,
			at,
			text: task.text,
			data: { taskId, assigneeId: task.assigneeId }
		});
		await audit(trx, actor, 'supervision.task_done', 'supervision', id, { taskId });
		const title = shownItemTitle(item);
		await tellAboutItem(
			trx,
			item,
			{ userIds: [task.createdBy, task.assigneeId], except: [actor.id] },
			{
				step: 'task_done',
				title: (o) => m.sup_progress_note_task_done({ title }, o),
				body: task.text
			}
		);
	});
}
