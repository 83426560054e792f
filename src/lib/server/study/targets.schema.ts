import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { ROLES } from '$lib/domain/roles';
import { oneOf, wholeNumber } from '../fields';
import { STUDY_METRICS, STUDY_PERIODS } from './study-rules';

/** A study target (学习目标): for whom, per month or year, what, how much. */
export const studyTargetSchema = z.object({
	role: oneOf(['all', ...ROLES]),
	period: oneOf(STUDY_PERIODS),
	metric: oneOf(STUDY_METRICS),
	amount: wholeNumber(1, 2000, () => m.study_err_amount())
});
export type StudyTargetInput = z.input<typeof studyTargetSchema>;
