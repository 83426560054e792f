/** The check-in module's inputs: a hand tick on the check-in page, a period's bulletin. */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { choiceId } from '../fields';
import { parseRecordRef } from '../meetings/meetings.schema';

export const manualCheckInSchema = z.object({ userId: choiceId() });
export type ManualCheckInInput = z.input<typeof manualCheckInSchema>;

/** The participant the form names; an id that is no id names nobody ("not found"). */
export function checkInTarget(input: ManualCheckInInput): number {
	return parseRecordRef(manualCheckInSchema, input).userId;
}

/** 出勤通报 for a period: instants from the office-zone dates, optionally one department / type. */
export const attendancePeriodSchema = z
	.object({
		from: z.iso.datetime({ offset: true }),
		to: z.iso.datetime({ offset: true }),
		departmentId: z.number().int().positive().optional(),
		typeId: z.number().int().positive().optional()
	})
	.refine((p) => Date.parse(p.from) < Date.parse(p.to), {
		path: ['to'],
		error: () => m.bulletin_err_range()
	});
export type AttendancePeriodInput = z.input<typeof attendancePeriodSchema>;
