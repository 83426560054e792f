/** The meeting type catalogue's form (admin → 会议类型). */
import { z } from 'zod';
import { requiredText, wholeNumber } from '../fields';

export const meetingTypeSchema = z.object({
	name: requiredText(40),
	sortOrder: wholeNumber(0, 100000)
});
export type MeetingTypeInput = z.input<typeof meetingTypeSchema>;
