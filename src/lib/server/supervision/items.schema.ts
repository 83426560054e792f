/**
 * The 督办 item forms as zod schemas (issue 10): registering or editing an item (立项), an item
 * from a decision of issued minutes (only overrides), and the reasons and summaries the steps
 * ask for (申请办结, 退回, 中止). Routes read a posted form by them (`formInput`); the services
 * validate with them whoever calls.
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { CLASSIFICATIONS } from '$lib/domain/meetings';
import { SUPERVISION_PRIORITIES, URGENT_DAYS } from '$lib/domain/supervision';
import {
	choiceId,
	idList,
	oneOf,
	optionalDate,
	optionalId,
	requiredText,
	text,
	wholeNumber
} from '../fields';

/** The sources an item registered by hand may have (a decision comes from its minutes). */
export const MANUAL_SOURCES = ['instruction', 'manual', 'key_task'] as const;

export const MAX_MILESTONES = 20;

/** A whole number from min to max, or '' / absent for none (null). */
const optionalNumber = (min: number, max: number, message: () => string) =>
	z
		.preprocess(
			(v) => (v === '' || v == null ? null : v),
			wholeNumber(min, max, message).nullable()
		)
		.default(null);

/**
 * 立项 / 编辑: the item's facts. `deadline` '' means the default by source (working days from
 * today); `urgentDays` (1–5) sets it for an urgent instruction. Milestones are parallel arrays
 * `milestoneTitle[i]` / `milestoneDue[i]`; rows with an empty title are dropped.
 */
export const itemSchema = z
	.object({
		title: requiredText(200),
		requirement: text(4000),
		source: oneOf(MANUAL_SOURCES),
		instructionLeaderId: optionalId(),
		instructionDate: optionalDate(),
		instructionText: text(4000),
		sourceRef: text(200),
		leadDepartmentId: choiceId(),
		coDepartmentIds: idList(),
		responsibleId: optionalId(),
		deadline: optionalDate(),
		priority: oneOf(SUPERVISION_PRIORITIES).default('normal'),
		urgentDays: optionalNumber(URGENT_DAYS.min, URGENT_DAYS.max, () =>
			m.sup_item_err_urgent_days({ min: URGENT_DAYS.min, max: URGENT_DAYS.max })
		),
		classification: oneOf(CLASSIFICATIONS).default('none'),
		feedbackDay: optionalNumber(1, 28, () => m.sup_item_err_feedback_day()),
		milestoneTitle: z
			.array(text(200))
			.max(MAX_MILESTONES, {
				error: () => m.sup_item_err_too_many_milestones({ max: MAX_MILESTONES })
			})
			.default([]),
		milestoneDue: z.array(optionalDate()).default([])
	})
	.superRefine((v, ctx) => {
		if (v.source === 'instruction') {
			// 领导批示: who, when and what the leader wrote.
			if (v.instructionLeaderId == null)
				ctx.addIssue({ code: 'custom', path: ['instructionLeaderId'], message: m.err_required() });
			if (!v.instructionDate)
				ctx.addIssue({ code: 'custom', path: ['instructionDate'], message: m.err_required() });
			if (!v.instructionText)
				ctx.addIssue({ code: 'custom', path: ['instructionText'], message: m.err_required() });
			if (v.priority === 'urgent' && v.urgentDays == null && !v.deadline)
				ctx.addIssue({
					code: 'custom',
					path: ['urgentDays'],
					message: m.sup_item_err_urgent_days({ min: URGENT_DAYS.min, max: URGENT_DAYS.max })
				});
		}
		v.milestoneTitle.forEach((t, i) => {
			if (t && !v.milestoneDue[i])
				ctx.addIssue({ code: 'custom', path: ['milestoneDue', i], message: m.err_required() });
		});
	});
export type ItemInput = z.input<typeof itemSchema>;
export type ItemValues = z.output<typeof itemSchema>;

/** The milestones of a parsed form: rows with a title, in order. */
export function formMilestones(v: ItemValues): { title: string; dueDate: string }[] {
	return v.milestoneTitle.flatMap((title, i) =>
		title ? [{ title, dueDate: v.milestoneDue[i] ?? '' }] : []
	);
}

/**
 * 从议定事项立项: the decision gives the text, departments and deadline; the supervisor may
 * give another title, requirement, responsible person, deadline or priority.
 */
export const fromDecisionSchema = z.object({
	title: text(200),
	requirement: text(4000),
	responsibleId: optionalId(),
	deadline: optionalDate(),
	priority: oneOf(SUPERVISION_PRIORITIES).default('normal')
});
export type FromDecisionInput = z.input<typeof fromDecisionSchema>;

/** 申请办结: what was done. */
export const completionSchema = z.object({ summary: requiredText(4000) });
export type CompletionInput = z.input<typeof completionSchema>;

/** 退回 / 中止: why. */
export const reasonSchema = z.object({ reason: requiredText(2000) });
export type ReasonInput = z.input<typeof reasonSchema>;
