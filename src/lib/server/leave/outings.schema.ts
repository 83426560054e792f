/**
 * 外出报备 (issue 11): a same-day business outing — the date (today when not given), when one
 * goes out and expects to be back (HH:MM in the office's zone), where to and why.
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { clockTime, optionalDate, requiredText } from '../fields';

export const outingSchema = z.object({
	date: optionalDate(),
	outAt: clockTime(() => m.outing_err_time()),
	backBy: clockTime(() => m.outing_err_time()),
	destination: requiredText(200),
	matter: requiredText(1000)
});
export type OutingInput = z.input<typeof outingSchema>;
