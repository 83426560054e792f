import { z } from 'zod';
import type { DayKind } from '$lib/domain/working-days';
import { isoDate, oneOf, requiredText } from '../fields';

export const DAY_KINDS = ['holiday', 'workday'] as const satisfies readonly DayKind[];

/** A public holiday or a make-up workday, as the holidays page posts it. */
export const holidaySchema = z.object({
	date: isoDate(),
	kind: oneOf(DAY_KINDS),
	name: requiredText(40)
});

export type HolidayInput = z.input<typeof holidaySchema>;

/** The date of the entry to delete. */
export const holidayDateSchema = z.object({ date: z.string().default('') });

export type HolidayDateInput = z.input<typeof holidayDateSchema>;
