/**
 * 假别设置: each leave type's rule (working or calendar days, half days, proof beyond N days,
 * yearly quota) — DEFAULT_LEAVE_TYPE_RULES, overridden by the settings `leave_type_<type>`
 * (a JSON rule) the administrator saves.
 */
import {
	DEFAULT_LEAVE_TYPE_RULES,
	LEAVE_TYPES,
	type LeaveType,
	type LeaveTypeRule
} from '$lib/domain/leave';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { canConfigureApprovals, requirePermission } from '../permissions';
import { readSettingGroup, writeSettingGroup } from '../settings/settings.service';
import { parseInput } from '../validation';
import { leaveTypeRulesSchema, type LeaveTypeRulesInput } from './types.schema';

const PREFIX = 'leave_type';

function readRule(raw: string | undefined, fallback: LeaveTypeRule): LeaveTypeRule {
	if (!raw) return fallback;
	try {
		const v = JSON.parse(raw) as Partial<LeaveTypeRule>;
		const quota = v.yearlyQuota;
		return {
			countsWorkingDays:
				typeof v.countsWorkingDays === 'boolean' ? v.countsWorkingDays : fallback.countsWorkingDays,
			allowsHalfDays:
				typeof v.allowsHalfDays === 'boolean' ? v.allowsHalfDays : fallback.allowsHalfDays,
			proofAfterDays:
				v.proofAfterDays === null || typeof v.proofAfterDays === 'number'
					? v.proofAfterDays
					: fallback.proofAfterDays,
			yearlyQuota:
				quota === null || quota === 'annual' || typeof quota === 'number'
					? quota
					: fallback.yearlyQuota
		};
	} catch {
		return fallback;
	}
}

/** Every type's rule in force. */
export async function getLeaveTypeRules(db: DB): Promise<Record<LeaveType, LeaveTypeRule>> {
	const stored = await readSettingGroup(db, PREFIX);
	return Object.fromEntries(
		LEAVE_TYPES.map((t) => [t, readRule(stored[t], DEFAULT_LEAVE_TYPE_RULES[t])])
	) as Record<LeaveType, LeaveTypeRule>;
}

/** The administrator saves every type's rule at once; unchanged rules write nothing. */
export async function saveLeaveTypeRules(
	db: DB,
	actor: Actor,
	input: LeaveTypeRulesInput
): Promise<void> {
	requirePermission(actor, canConfigureApprovals);
	const v = parseInput(leaveTypeRulesSchema, input) as Record<string, unknown>;
	const next = Object.fromEntries(
		LEAVE_TYPES.map((t) => [
			t,
			{
				countsWorkingDays: v[`${t}_count`] === 'working',
				allowsHalfDays: v[`${t}_half`] === true,
				proofAfterDays: (v[`${t}_proof`] as number | null) ?? null,
				yearlyQuota: (v[`${t}_quota`] as 'annual' | number | null) ?? null
			} satisfies LeaveTypeRule
		])
	) as Record<LeaveType, LeaveTypeRule>;
	await inTransaction(db, async (trx) => {
		await lockName(trx, 'settings');
		const before = await getLeaveTypeRules(trx);
		const changed: Record<string, [LeaveTypeRule, LeaveTypeRule]> = {};
		const values: Record<string, string> = {};
		for (const t of LEAVE_TYPES) {
			if (JSON.stringify(before[t]) === JSON.stringify(next[t])) continue;
			changed[t] = [before[t], next[t]];
			values[t] = JSON.stringify(next[t]);
		}
		if (!Object.keys(values).length) return;
		await writeSettingGroup(trx, PREFIX, values);
		await audit(trx, actor, 'leave.types', 'settings', null, changed);
	});
}
