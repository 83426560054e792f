/**
 * 假期额度 (the office's quota of one person, year and type): the key — person, year, type —
 * and, to set it, the days in half-day steps (0–365) and a note (探亲假（配偶）, 上年结转 …).
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { LEAVE_TYPES } from '$lib/domain/leave';
import { choiceId, text, wholeNumber } from '../fields';

export const QUOTA_MAX_DAYS = 365;

/** Days as the form posts them ('7.5'); '' is "not given", never 0. */
const halfDaySteps = () =>
	z.preprocess(
		(v) => (v === '' || v == null ? undefined : typeof v === 'string' ? v.trim() : v),
		z.coerce
			.number({ error: () => m.leavequota_err_days({ max: QUOTA_MAX_DAYS }) })
			.min(0, { error: () => m.leavequota_err_days({ max: QUOTA_MAX_DAYS }) })
			.max(QUOTA_MAX_DAYS, { error: () => m.leavequota_err_days({ max: QUOTA_MAX_DAYS }) })
			.refine((d) => Number.isInteger(d * 2), {
				error: () => m.leavequota_err_days({ max: QUOTA_MAX_DAYS })
			})
	);

export const leaveQuotaKeySchema = z.object({
	userId: choiceId(() => m.leavequota_err_person()),
	year: wholeNumber(2000, 2100, () => m.leavequota_err_year_number()),
	type: z.enum(LEAVE_TYPES, { error: () => m.leavequota_err_type() })
});
export type LeaveQuotaKeyInput = z.input<typeof leaveQuotaKeySchema>;

export const leaveQuotaSchema = leaveQuotaKeySchema.extend({
	days: halfDaySteps(),
	note: text(200)
});
export type LeaveQuotaInput = z.input<typeof leaveQuotaSchema>;
