/**
 * 延期 forms (issue 10): the lead asks for a later deadline with a reason; a supervisor or
 * leader approves or refuses, with an optional comment.
 */
import { z } from 'zod';
import { isoDate, oneOf, requiredText, text } from '../fields';

export const extensionRequestSchema = z.object({
	newDeadline: isoDate(),
	reason: requiredText(2000)
});
export type ExtensionRequestInput = z.input<typeof extensionRequestSchema>;

export const EXTENSION_DECISIONS = ['approve', 'refuse'] as const;

export const extensionDecisionSchema = z.object({
	decision: oneOf(EXTENSION_DECISIONS),
	comment: text(1000)
});
export type ExtensionDecisionInput = z.input<typeof extensionDecisionSchema>;
