import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { isoDate, requiredText, text } from '../fields';
import { MAX_HOURS_PER_DAY } from './study-rules';

/** Hours in 0.5 steps, more than 0 and at most 12 (the one message says all of it). */
const studyHours = () => {
	const message = () => m.study_err_hours({ max: MAX_HOURS_PER_DAY });
	return z.coerce
		.number({ error: message })
		.refine((h) => Number.isFinite(h) && h > 0 && h <= MAX_HOURS_PER_DAY, { error: message })
		.refine((h) => Number.isInteger(h * 2), { error: message });
};

/** A self-study entry (自学记录). */
export const studyEntrySchema = z.object({
	entryDate: isoDate(),
	topic: requiredText(100),
	material: text(200),
	hours: studyHours(),
	notes: text(5000)
});
export type StudyEntryInput = z.input<typeof studyEntrySchema>;
export type StudyEntryData = z.output<typeof studyEntrySchema>;
