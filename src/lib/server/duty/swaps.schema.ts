import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { choiceId, optionalId, text } from '../fields';

/** 调班 (swap: each takes the other's slot) or 替班 (hand-over: the colleague takes the slot). */
export const proposeSwapSchema = z.object({
	assignmentId: choiceId(),
	kind: z.enum(['swap', 'handover'], { error: () => m.duty_swap_err_kind() }),
	counterpartId: choiceId(() => m.duty_swap_err_counterpart()),
	counterpartAssignmentId: optionalId().optional(),
	reason: z
		.string({ error: () => m.duty_swap_err_reason() })
		.trim()
		.min(1, { error: () => m.duty_swap_err_reason() })
		.max(200, { error: () => m.err_too_long({ max: 200 }) })
});
export type ProposeSwapInput = z.input<typeof proposeSwapSchema>;

/** The office's decision: approve ('1') or reject, with a note (required to reject). */
export const swapDecisionSchema = z.object({
	approve: z.string().default(''),
	note: text(200)
});

/** The note alone, as decideSwap validates it. */
export const decisionNoteSchema = swapDecisionSchema.pick({ note: true });
