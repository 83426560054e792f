/**
 * A feedback entry (反馈) on a 督办 item: progress text, an optional percent, the milestone it
 * reports on (and whether that milestone is now done). Attachments come beside it as files.
 * The feedback cycle it answers is computed by the service, never posted.
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { checkbox, optionalId, requiredText, wholeNumber } from '../fields';

/** Attachments of one feedback entry: at most this many, each at most this big, none empty. */
export const MAX_FEEDBACK_FILES = 5;
export const MAX_FEEDBACK_FILE_BYTES = 10 * 1024 * 1024;

/** A whole percent 0–100, or '' / absent for none (null). */
const optionalPercent = () =>
	z
		.preprocess(
			(v) => (v === '' || v == null ? null : v),
			wholeNumber(0, 100, () => m.sup_progress_err_percent()).nullable()
		)
		.default(null);

export const feedbackSchema = z.object({
	text: requiredText(4000),
	percent: optionalPercent(),
	milestoneId: optionalId(() => m.sup_progress_err_milestone()),
	milestoneDone: checkbox().optional()
});
export type FeedbackInput = z.input<typeof feedbackSchema>;

/** One uploaded attachment as the route hands it over. */
export interface FeedbackFile {
	name: string;
	type: string;
	bytes: Buffer;
}
