/**
 * Leave balances (假期余额): per person, year and type — the quota (the office's leave_quotas row
 * if any, else the type's rule: 'annual' by years of service, a number of days, or none), the
 * days taken (approved and reported requests), given back by an early 销假, still pending, and
 * what is left: quota − taken + returned − pending. All in half days.
 */
import {
	annualEntitlementFor,
	LEAVE_TYPES,
	type LeaveType,
	type LeaveTypeRule
} from '$lib/domain/leave';
import type { DB } from '../db';
import { findPersonById, listAllPeople } from '../org/users.service';
import { listQuotas, sumLeaveByUserAndType, type LeaveSums } from './balance.repository';
import { getLeaveTypeRules } from './types.service';

export interface LeaveBalance {
	type: LeaveType;
	/** null: the type has no yearly quota. */
	quotaHalfDays: number | null;
	takenHalfDays: number;
	returnedHalfDays: number;
	pendingHalfDays: number;
	/** null when there is no quota. */
	leftHalfDays: number | null;
	/** 年休假 by years of service, but the person has no 参加工作时间 on file (quota 0). */
	needsWorkStart: boolean;
}

function quotaOf(
	rule: LeaveTypeRule,
	workStartDate: string | null,
	year: number,
	quotaRow: number | undefined
): { quota: number | null; needsWorkStart: boolean } {
	if (quotaRow !== undefined) return { quota: quotaRow, needsWorkStart: false };
	return ruleQuota(rule, workStartDate, year);
}

/**
 * The quota by the type's rule alone (half days), without the office's leave_quotas row: what
 * 恢复按规则 goes back to (the quota page shows it beside the office's setting).
 */
export function ruleQuota(
	rule: LeaveTypeRule,
	workStartDate: string | null,
	year: number
): { quota: number | null; needsWorkStart: boolean } {
	if (rule.yearlyQuota === null) return { quota: null, needsWorkStart: false };
	if (typeof rule.yearlyQuota === 'number')
		return { quota: rule.yearlyQuota * 2, needsWorkStart: false };
	if (!workStartDate) return { quota: 0, needsWorkStart: true };
	return { quota: annualEntitlementFor(workStartDate, null, year) * 2, needsWorkStart: false };
}

function balanceOf(
	type: LeaveType,
	q: { quota: number | null; needsWorkStart: boolean },
	s: LeaveSums | undefined
): LeaveBalance {
	const taken = s?.takenHalfDays ?? 0;
	const returned = s?.returnedHalfDays ?? 0;
	const pending = s?.pendingHalfDays ?? 0;
	return {
		type,
		quotaHalfDays: q.quota,
		takenHalfDays: taken,
		returnedHalfDays: returned,
		pendingHalfDays: pending,
		leftHalfDays: q.quota === null ? null : q.quota - taken + returned - pending,
		needsWorkStart: q.needsWorkStart
	};
}

/** One person's balances of the year, every type in LEAVE_TYPES order. */
export async function leaveBalances(
	db: DB,
	userId: number,
	year: number,
	rules?: Record<LeaveType, LeaveTypeRule>
): Promise<LeaveBalance[]> {
	const [person, sums, quotas, r] = await Promise.all([
		findPersonById(db, userId),
		sumLeaveByUserAndType(db, year, { userId }),
		listQuotas(db, year, [userId]),
		rules ? Promise.resolve(rules) : getLeaveTypeRules(db)
	]);
	return LEAVE_TYPES.map((t) =>
		balanceOf(
			t,
			quotaOf(
				r[t],
				person?.workStartDate ?? null,
				year,
				quotas.find((q) => q.type === t)?.halfDays
			),
			sums.find((s) => s.type === t)
		)
	);
}

export interface PersonBalances {
	userId: number;
	name: string;
	departmentId: number | null;
	departmentName: string | null;
	balances: LeaveBalance[];
}

/**
 * Everyone's balances of the year (statistics), optionally of one department: the days come
 * from one grouped query; active people without any leave are included.
 */
export async function balancesForYear(
	db: DB,
	year: number,
	o: { departmentId?: number } = {}
): Promise<PersonBalances[]> {
	const [people, sums, quotas, rules] = await Promise.all([
		listAllPeople(db),
		sumLeaveByUserAndType(db, year, o),
		listQuotas(db, year),
		getLeaveTypeRules(db)
	]);
	const withLeave = new Set(sums.map((s) => s.userId));
	// One pass each: a person × type lookup, not a scan of every row per person and type.
	const key = (userId: number, type: string) => `${userId}:${type}`;
	const quotaBy = new Map(quotas.map((q) => [key(q.userId, q.type), q.halfDays]));
	const sumBy = new Map(sums.map((s) => [key(s.userId, s.type), s]));
	return people
		.filter(
			(p) =>
				(p.isActive || withLeave.has(p.id)) &&
				(o.departmentId === undefined || p.departmentId === o.departmentId)
		)
		.map((p) => ({
			userId: p.id,
			name: p.name,
			departmentId: p.departmentId,
			departmentName: p.departmentName,
			balances: LEAVE_TYPES.map((t) =>
				balanceOf(
					t,
					quotaOf(rules[t], p.workStartDate, year, quotaBy.get(key(p.id, t))),
					sumBy.get(key(p.id, t))
				)
			)
		}));
}
