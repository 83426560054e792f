/**
 * A task (任务分解) of a 督办 item: the lead department gives part of the item to one of its
 * people, with an optional date of its own.
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { choiceId, optionalDate, requiredText } from '../fields';

export const taskSchema = z.object({
	assigneeId: choiceId(() => m.sup_progress_err_task_assignee()),
	text: requiredText(1000),
	deadline: optionalDate()
});
export type TaskInput = z.input<typeof taskSchema>;
