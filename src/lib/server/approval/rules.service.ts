/**
 * The approval rules table (审批规则) and the principal leader (主要领导): settings the
 * administrator keeps. The table is stored as JSON under `approval_rules_<kind>`; without a
 * stored table (or with one that no longer reads) the default of PRODUCT.md applies.
 */
import * as m from '$lib/paraglide/messages';
import {
	checkApprovalRules,
	DEFAULT_APPROVAL_RULES,
	type ApprovalRule,
	type ApprovalRuleProblem
} from '$lib/domain/approval-chain';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import type { ApprovalKind } from '../db/schema-leave';
import { inTransaction } from '../db/transaction';
import { ValidationError } from '../errors';
import { canConfigureApprovals, requirePermission } from '../permissions';
import { readSettingGroup, writeSettingGroup } from '../settings/settings.service';
import { parseInput } from '../validation';
import { findActiveWithRole, listActiveWithRole } from './approvers.repository';
import {
	approvalRuleSchema,
	approvalRulesSchema,
	principalLeaderSchema,
	type ApprovalRuleInput,
	type PrincipalLeaderInput
} from './rules.schema';

const RULES_PREFIX = 'approval';
const rulesKey = (kind: ApprovalKind) => `rules_${kind}`;
const ORG_PREFIX = 'org';
const PRINCIPAL_KEY = 'principal_leader_id';

/** A stored rule without its empty conditions (so the table compares and prints cleanly). */
function tidy(rule: ApprovalRule): ApprovalRule {
	const out: ApprovalRule = { steps: [...rule.steps] };
	if (rule.minDays !== undefined) out.minDays = rule.minDays;
	if (rule.maxDays !== undefined) out.maxDays = rule.maxDays;
	if (rule.applicantRoles?.length) out.applicantRoles = [...rule.applicantRoles];
	if (rule.types?.length) out.types = [...rule.types];
	return out;
}

/** The rules in force for a kind: the stored table, or the default. */
export async function getApprovalRules(db: DB, kind: ApprovalKind): Promise<ApprovalRule[]> {
	const raw = (await readSettingGroup(db, RULES_PREFIX))[rulesKey(kind)];
	if (raw) {
		try {
			const parsed = approvalRulesSchema.safeParse(JSON.parse(raw));
			if (parsed.success && checkApprovalRules(parsed.data).length === 0)
				return parsed.data.map(tidy);
		} catch {
			// A table that no longer reads falls back to the default below.
		}
	}
	return DEFAULT_APPROVAL_RULES.map(tidy);
}

/** Whether the stored table is the default one (no table stored, or the same rows). */
export async function isDefaultApprovalRules(db: DB, kind: ApprovalKind): Promise<boolean> {
	const rules = await getApprovalRules(db, kind);
	return JSON.stringify(rules) === JSON.stringify(DEFAULT_APPROVAL_RULES.map(tidy));
}

const problemMessage: Record<ApprovalRuleProblem, () => string> = {
	no_steps: () => m.approval_err_rule_no_steps(),
	days_reversed: () => m.approval_err_rule_days_reversed(),
	days_negative: () => m.approval_err_days(),
	never_reached: () => m.approval_err_rule_never_reached()
};

/**
 * Saves the table for a kind (administrator): each row checked (fields, then the table's rules
 * from checkApprovalRules), errors keyed `rules.<row>`; an unchanged table writes nothing.
 */
export async function saveApprovalRules(
	db: DB,
	actor: Actor,
	kind: ApprovalKind,
	rows: ApprovalRuleInput[]
): Promise<void> {
	requirePermission(actor, canConfigureApprovals);
	const fields: Record<string, string> = {};
	if (!Array.isArray(rows) || rows.length === 0)
		throw new ValidationError({ rules: m.approval_err_rules_empty() });
	if (rows.length > 30) throw new ValidationError({ rules: m.approval_err_rules_many() });
	const parsed: ApprovalRule[] = [];
	rows.forEach((row, i) => {
		const r = approvalRuleSchema.safeParse(row);
		if (!r.success) fields[`rules.${i}`] ??= r.error.issues[0]?.message ?? m.err_choose_one();
		else parsed.push(tidy(r.data));
	});
	if (Object.keys(fields).length) throw new ValidationError(fields);
	for (const p of checkApprovalRules(parsed))
		fields[`rules.${p.index}`] ??= problemMessage[p.problem]();
	if (Object.keys(fields).length) throw new ValidationError(fields);
	await writeRules(db, actor, kind, parsed, 'approval.rules_save');
}

/** 恢复默认: the table of PRODUCT.md again. */
export async function restoreDefaultApprovalRules(
	db: DB,
	actor: Actor,
	kind: ApprovalKind
): Promise<void> {
	requirePermission(actor, canConfigureApprovals);
	await writeRules(db, actor, kind, DEFAULT_APPROVAL_RULES.map(tidy), 'approval.rules_restore');
}

async function writeRules(
	db: DB,
	actor: Actor,
	kind: ApprovalKind,
	rules: ApprovalRule[],
	action: string
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await lockName(trx, 'settings:approval_rules');
		const before = await getApprovalRules(trx, kind);
		if (JSON.stringify(before) === JSON.stringify(rules)) return;
		await writeSettingGroup(trx, RULES_PREFIX, { [rulesKey(kind)]: JSON.stringify(rules) });
		await audit(trx, actor, action, 'approval_rules', kind, { before, after: rules });
	});
}

/** 主要领导's id, when set (the setting `org_principal_leader_id`). */
export async function getPrincipalLeaderId(db: DB): Promise<number | null> {
	const raw = (await readSettingGroup(db, ORG_PREFIX))[PRINCIPAL_KEY];
	const id = raw ? Number(raw) : NaN;
	return Number.isInteger(id) && id > 0 ? id : null;
}

/** The people who may be named 主要领导: active holders of the leader role. */
export function principalLeaderChoices(db: DB) {
	return listActiveWithRole(db, 'leader');
}

/** Names the principal leader (administrator): an active person with the leader role. */
export async function setPrincipalLeader(
	db: DB,
	actor: Actor,
	input: PrincipalLeaderInput
): Promise<void> {
	requirePermission(actor, canConfigureApprovals);
	const { principalLeaderId } = parseInput(principalLeaderSchema, input);
	await inTransaction(db, async (trx) => {
		await lockName(trx, 'settings:principal_leader');
		if (!(await findActiveWithRole(trx, principalLeaderId, 'leader')))
			throw new ValidationError({ principalLeaderId: m.approval_err_principal_not_leader() });
		const before = await getPrincipalLeaderId(trx);
		if (before === principalLeaderId) return;
		await writeSettingGroup(trx, ORG_PREFIX, { [PRINCIPAL_KEY]: principalLeaderId });
		await audit(trx, actor, 'approval.principal_set', 'settings', null, {
			principalLeaderId: [before, principalLeaderId]
		});
	});
}
