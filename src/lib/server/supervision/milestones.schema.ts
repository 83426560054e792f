/** A milestone (节点) of a long 督办 item: a title and its own date. */
import { z } from 'zod';
import { isoDate, requiredText } from '../fields';

export const milestoneSchema = z.object({
	title: requiredText(200),
	dueDate: isoDate()
});
export type MilestoneInput = z.input<typeof milestoneSchema>;
