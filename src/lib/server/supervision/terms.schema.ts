import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { wholeNumber } from '../fields';

/** A 考评 weight: points from -10 to 10, at most one decimal (0.5 steps and the like). */
const weight = () =>
	z.coerce
		.number({ error: () => m.sup_bulletin_err_weight() })
		.refine((v) => v >= -10 && v <= 10 && Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, {
			error: () => m.sup_bulletin_err_weight()
		});

const days = (min: number, max: number) =>
	wholeNumber(min, max, () => m.sup_bulletin_err_days({ min, max }));

/** The ranges of the terms, for the page's inputs and the messages. */
export const TERM_RANGES = {
	decisionDays: [1, 120],
	instructionDays: [1, 120],
	otherDays: [1, 250],
	dueSoonDays: [0, 30],
	yellowDays: [1, 90],
	signDays: [1, 10],
	urgeBeforeDays: [0, 30],
	urgeEveryDays: [1, 30]
} as const;

/** The 督办 terms and 考评 weights as the settings page posts them. */
export const supervisionSettingsSchema = z.object({
	decisionDays: days(...TERM_RANGES.decisionDays),
	instructionDays: days(...TERM_RANGES.instructionDays),
	otherDays: days(...TERM_RANGES.otherDays),
	dueSoonDays: days(...TERM_RANGES.dueSoonDays),
	yellowDays: days(...TERM_RANGES.yellowDays),
	signDays: days(...TERM_RANGES.signDays),
	urgeBeforeDays: days(...TERM_RANGES.urgeBeforeDays),
	urgeEveryDays: days(...TERM_RANGES.urgeEveryDays),
	weightOnTime: weight(),
	weightLate: weight(),
	weightOverdueOpen: weight(),
	weightLateSign: weight(),
	weightMissedCycle: weight()
});

export type SupervisionSettingsInput = z.input<typeof supervisionSettingsSchema>;
