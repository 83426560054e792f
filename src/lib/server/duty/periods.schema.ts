import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { shiftTimesProblem } from '$lib/domain/duty-days';
import {
	checkbox,
	clockTime,
	isoDate,
	oneOf,
	optionalDate,
	optionalId,
	requiredText,
	text,
	wholeNumber
} from '../fields';

/** A day's or a shift's weight: a decimal from 0.1 to 10 (1.5 for a night). */
export const dutyWeight = () =>
	z.coerce
		.number({ error: () => m.duty_err_weight() })
		.min(0.1, { error: () => m.duty_err_weight() })
		.max(10, { error: () => m.duty_err_weight() });

/** A new period: from a holiday of the calendar, or from any date range. */
export const createPeriodSchema = z
	.object({
		source: oneOf(['holiday', 'range']),
		year: z
			.preprocess(
				(v) => (v === '' || v == null ? undefined : v),
				wholeNumber(2000, 2100).optional()
			)
			.optional(),
		holidayName: text(40),
		startDate: optionalDate(),
		endDate: optionalDate(),
		name: text(60),
		phone: text(40)
	})
	.superRefine((v, ctx) => {
		if (v.source === 'holiday') {
			if (!v.holidayName)
				ctx.addIssue({ code: 'custom', path: ['holidayName'], message: m.err_choose_one() });
			if (!v.year) ctx.addIssue({ code: 'custom', path: ['year'], message: m.err_required() });
			return;
		}
		if (!v.startDate)
			ctx.addIssue({ code: 'custom', path: ['startDate'], message: m.err_required() });
		if (!v.endDate) ctx.addIssue({ code: 'custom', path: ['endDate'], message: m.err_required() });
		if (v.startDate && v.endDate && v.endDate < v.startDate) {
			ctx.addIssue({ code: 'custom', path: ['endDate'], message: m.duty_err_end_before_start() });
		}
	});
export type CreatePeriodInput = z.input<typeof createPeriodSchema>;

export const periodDetailsSchema = z.object({
	name: requiredText(60),
	phone: text(40),
	note: text(500)
});
export type PeriodDetailsInput = z.input<typeof periodDetailsSchema>;

export const periodDaySchema = z.object({
	date: isoDate(),
	weight: dutyWeight(),
	label: text(20)
});
export type PeriodDayInput = z.input<typeof periodDaySchema>;

const count = () => wholeNumber(0, 20, () => m.duty_err_count());
const time = () => clockTime(() => m.duty_err_time());

export const shiftSchema = z
	.object({
		id: optionalId().optional(),
		name: requiredText(20),
		startTime: time(),
		endTime: time(),
		isOvernight: checkbox(),
		leadersNeeded: count(),
		officersNeeded: count(),
		weight: dutyWeight(),
		sortOrder: z
			.preprocess((v) => (v === '' || v == null ? undefined : v), wholeNumber(0, 9999).optional())
			.optional()
	})
	.superRefine((v, ctx) => {
		const problem = shiftTimesProblem({
			start_time: v.startTime,
			end_time: v.endTime,
			is_overnight: v.isOvernight
		});
		if (problem === 'ends_before_start')
			ctx.addIssue({
				code: 'custom',
				path: ['endTime'],
				message: m.duty_err_shift_ends_before_start()
			});
		if (problem === 'longer_than_a_day')
			ctx.addIssue({ code: 'custom', path: ['endTime'], message: m.duty_err_shift_too_long() });
		if (v.leadersNeeded + v.officersNeeded === 0)
			ctx.addIssue({
				code: 'custom',
				path: ['officersNeeded'],
				message: m.duty_err_nobody_needed()
			});
	});
export type ShiftInput = z.input<typeof shiftSchema>;
