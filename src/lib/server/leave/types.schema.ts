/**
 * 假别设置 (leave type settings), one form for every type: 按工作日 / 自然日, 可请半天, 超过 N 天需
 * 证明 (blank = never), 年度额度 (blank = none, 'annual' = by years of service, or days).
 */
import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { LEAVE_TYPES, type LeaveType } from '$lib/domain/leave';
import { checkbox, oneOf } from '../fields';

export const DAY_COUNTS = ['working', 'calendar'] as const;

const optionalDays = (max: number, message: () => string) =>
	z.preprocess(
		(v) => (v === '' || v == null ? null : typeof v === 'string' ? v.trim() : v),
		z.coerce
			.number({ error: message })
			.int({ error: message })
			.min(0, { error: message })
			.max(max, { error: message })
			.nullable()
	);

/** The words the page shows for 'annual' (按工龄), accepted back in either language. */
export const BY_SERVICE_WORDS = ['annual', '按工龄', 'by service'];

const quota = () =>
	z.preprocess(
		(v) => {
			if (v === '' || v == null) return null;
			const t = typeof v === 'string' ? v.trim() : v;
			return typeof t === 'string' && BY_SERVICE_WORDS.includes(t.toLowerCase()) ? 'annual' : t;
		},
		z.union([
			z.literal('annual'),
			z.coerce
				.number({ error: () => m.leave_types_err_quota() })
				.int({ error: () => m.leave_types_err_quota() })
				.min(1, { error: () => m.leave_types_err_quota() })
				.max(365, { error: () => m.leave_types_err_quota() })
				.nullable()
		])
	);

const shape = Object.fromEntries(
	LEAVE_TYPES.flatMap((t) => [
		[`${t}_count`, oneOf(DAY_COUNTS)],
		[`${t}_half`, checkbox().optional()],
		[`${t}_proof`, optionalDays(365, () => m.leave_types_err_proof()).default(null)],
		[`${t}_quota`, quota().default(null)]
	])
) as Record<`${LeaveType}_count`, ReturnType<typeof oneOf<typeof DAY_COUNTS>>> &
	Record<`${LeaveType}_half`, z.ZodOptional<ReturnType<typeof checkbox>>> &
	Record<`${LeaveType}_proof`, z.ZodType<number | null, unknown>> &
	Record<`${LeaveType}_quota`, z.ZodType<'annual' | number | null, unknown>>;

export const leaveTypeRulesSchema = z.object(shape);
export type LeaveTypeRulesInput = Record<string, unknown>;
