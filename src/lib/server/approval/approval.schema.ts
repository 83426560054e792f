import { z } from 'zod';
import { oneOf, text } from '../fields';

export const APPROVAL_DECISIONS = ['approve', 'send_back'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** 同意 / 退回 with a comment (required when sending back; the service says so). */
export const approvalDecisionSchema = z.object({
	decision: oneOf(APPROVAL_DECISIONS),
	comment: text(1000)
});
export type ApprovalDecisionInput = z.input<typeof approvalDecisionSchema>;
