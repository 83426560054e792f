import { z } from 'zod';
import { DUTY_ROLES } from '$lib/domain/duty-terms';
import * as m from '$lib/paraglide/messages';
import { POOL_BY_ROLE_ROLES } from '../permissions';
import { checkbox, choiceId, isoDate, oneOf, optionalId, requiredText, text } from '../fields';

/** Adds people to a pool by hand, a whole department, or everyone with a role. */
export const poolSchema = z.object({
	role: oneOf(DUTY_ROLES),
	by: oneOf(['person', 'department', 'role']),
	userId: optionalId().optional(),
	departmentId: optionalId().optional(),
	userRole: z.preprocess(
		(v) => (v === '' || v == null ? undefined : v),
		z.enum(POOL_BY_ROLE_ROLES, { error: () => m.err_choose_one() }).optional()
	)
});
export type PoolInput = z.input<typeof poolSchema>;

/** Exempts a person for this period (e.g. pregnancy, long-term sickness). */
export const exemptionSchema = z.object({
	userId: choiceId(),
	reason: requiredText(200)
});
export type ExemptionInput = z.input<typeof exemptionSchema>;

/** A person's dates off duty. */
export const unavailabilitySchema = z
	.object({
		userId: choiceId(),
		startDate: isoDate(),
		endDate: isoDate(),
		reason: requiredText(200)
	})
	.refine((v) => v.endDate >= v.startDate, {
		path: ['endDate'],
		message: m.duty_err_end_before_start()
	});
export type UnavailabilityInput = z.input<typeof unavailabilitySchema>;

/** The office puts a person in a slot by hand, or empties it. */
export const assignSchema = z.object({
	assignmentId: choiceId(),
	userId: optionalId().optional(),
	reason: text(200),
	/** 清空此岗位: on a published roster an empty slot is chosen by this box, never by default. */
	clear: checkbox().optional()
});
export type AssignInput = z.input<typeof assignSchema>;
