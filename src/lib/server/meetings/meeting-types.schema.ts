/** The meeting type catalogue's form (admin → 会议类型). */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { requiredText, wholeNumber } from '../fields';

export const MAX_TEMPLATE = 4000;

export const meetingTypeSchema = z.object({
	name: requiredText(40),
	sortOrder: wholeNumber(0, 100000),
	/** The body a new draft of minutes (纪要) starts from; absent keeps the one stored. */
	minutesTemplate: z
		.string()
		.trim()
		.max(MAX_TEMPLATE, { error: () => m.err_too_long({ max: MAX_TEMPLATE }) })
		.optional()
});
export type MeetingTypeInput = z.input<typeof meetingTypeSchema>;
