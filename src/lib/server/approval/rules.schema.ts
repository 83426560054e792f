import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { APPROVER_KINDS } from '$lib/domain/approval-chain';
import { ROLES } from '$lib/domain/roles';
import { LEAVE_TYPES } from '$lib/domain/leave';
import { choiceId } from '../fields';

/** 申请人角色 in the rules table: the roles plus 主要领导 (a position the office names). */
export const APPLICANT_ROLE_CHOICES = [...ROLES, 'principal_leader'] as const;

/** Days on a row: empty is "no bound"; whole or half days from 0 to 365. */
const dayBound = () =>
	z.preprocess(
		(v) => (v === '' || v == null ? undefined : v),
		z.coerce
			.number({ error: () => m.approval_err_days() })
			.min(0, { error: () => m.approval_err_days() })
			.max(365, { error: () => m.approval_err_days() })
			.refine((n) => Number.isInteger(n * 2), { error: () => m.approval_err_days() })
			.optional()
	);

/** A list that is "any" when empty. */
const anyOfList = <const T extends readonly [string, ...string[]]>(values: T) =>
	z.preprocess(
		(v) => (Array.isArray(v) && v.length === 0 ? undefined : v),
		z.array(z.enum(values, { error: () => m.err_choose_one() })).optional()
	);

export const approvalRuleSchema = z.object({
	minDays: dayBound(),
	maxDays: dayBound(),
	applicantRoles: anyOfList(APPLICANT_ROLE_CHOICES),
	types: anyOfList(LEAVE_TYPES),
	steps: z
		.array(z.enum(APPROVER_KINDS, { error: () => m.err_choose_one() }))
		.max(3, { error: () => m.approval_err_steps_max() })
		.default([])
});

export const approvalRulesSchema = z
	.array(approvalRuleSchema)
	.min(1, { error: () => m.approval_err_rules_empty() })
	.max(30, { error: () => m.approval_err_rules_many() });

export type ApprovalRuleInput = z.input<typeof approvalRuleSchema>;

/** The rules form: the table as JSON in one field (the editor keeps it). */
export const approvalRulesFormSchema = z.object({ rules: z.string().default('[]') });

/** 主要领导: an active person holding the leader role. */
export const principalLeaderSchema = z.object({
	principalLeaderId: choiceId(() => m.approval_err_principal_choose())
});
export type PrincipalLeaderInput = z.input<typeof principalLeaderSchema>;
