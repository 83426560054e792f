/**
 * Which approvers a request goes through (审批链), chosen by rules on the request: its days, the
 * applicant's roles and its type. No I/O: the service turns each step into a person (the
 * applicant's department head, the leader responsible for the department, the principal leader,
 * or their named stand-in) and runs the steps in order. Reusable by later request types (study
 * tours, certificates): `type` is any request type id, e.g. a leave type.
 */
import type { Role } from './roles';

/** 部门负责人 · 分管领导 · 主要领导, lowest first. */
export const APPROVER_KINDS = ['dept_head', 'responsible_leader', 'principal_leader'] as const;
export type ApproverKind = (typeof APPROVER_KINDS)[number];

/**
 * An applicant's roles (`roles.ts`), plus 'principal_leader' for the one person the office names
 * as 主要领导 — a position, not a role the administrator grants, so the service adds it.
 */
export type ApplicantRole = Role | 'principal_leader';

/**
 * One row of the rules table. Every condition given must hold; an absent condition holds for
 * any request. `minDays` and `maxDays` are both inclusive; `applicantRoles` matches an applicant
 * holding any of them; `types` matches the request's type.
 */
export interface ApprovalRule {
	minDays?: number;
	maxDays?: number;
	applicantRoles?: readonly ApplicantRole[];
	types?: readonly string[];
	steps: readonly ApproverKind[];
}

export interface ChainRequest {
	/** The request's days (0.5 steps for leave). */
	days: number;
	type: string;
	applicantRoles: readonly ApplicantRole[];
}

/**
 * The default table (PRODUCT.md "Leave and outings"), first match wins: a leader's own leave, of
 * any length, goes to the principal leader; otherwise ≤ 1 day the department head; ≤ 3 days
 * the department head and then the responsible leader; longer also the principal leader.
 */
export const DEFAULT_APPROVAL_RULES: readonly ApprovalRule[] = [
	{ applicantRoles: ['leader', 'principal_leader'], steps: ['principal_leader'] },
	{ maxDays: 1, steps: ['dept_head'] },
	{ maxDays: 3, steps: ['dept_head', 'responsible_leader'] },
	{ steps: ['dept_head', 'responsible_leader', 'principal_leader'] }
];

/** Used when no rule of a table matches (a table without a catch-all row): every level. */
export const FALLBACK_STEPS: readonly ApproverKind[] = [
	'dept_head',
	'responsible_leader',
	'principal_leader'
];

export function ruleMatches(rule: ApprovalRule, request: ChainRequest): boolean {
	if (rule.minDays !== undefined && request.days < rule.minDays) return false;
	if (rule.maxDays !== undefined && request.days > rule.maxDays) return false;
	if (rule.types && !rule.types.includes(request.type)) return false;
	if (rule.applicantRoles && !rule.applicantRoles.some((r) => request.applicantRoles.includes(r))) {
		return false;
	}
	return true;
}

/**
 * The approver kinds the applicant is in their own chain: a department head heads their own
 * department; a leader is the responsible leader of their own work; the principal leader is
 * both of those and the principal leader.
 */
export function ownApproverKinds(applicantRoles: readonly ApplicantRole[]): Set<ApproverKind> {
	const own = new Set<ApproverKind>();
	if (applicantRoles.includes('dept_head')) own.add('dept_head');
	if (applicantRoles.includes('leader')) own.add('responsible_leader');
	if (applicantRoles.includes('principal_leader')) {
		own.add('responsible_leader');
		own.add('principal_leader');
	}
	return own;
}

/**
 * The chain for a request: the steps of the first rule that matches (table order decides, so put
 * the narrow rules first), or `FALLBACK_STEPS` when none does (or that rule has no steps); repeated steps once, in the rule's
 * order. A step the applicant holds is dropped — nobody approves their own request: a department
 * head's two days go to the responsible leader only. Never empty: when every step is the
 * applicant's own, the request goes one level above the highest of them (a department head's
 * half day → the responsible leader). Above the principal leader there is nobody in the office,
 * so the principal leader's own leave keeps the one step 'principal_leader', which the service
 * gives to the principal's named stand-in (the leader who runs the office while they are away).
 */
export function chooseChain(rules: readonly ApprovalRule[], request: ChainRequest): ApproverKind[] {
	const rule = rules.find((r) => ruleMatches(r, request));
	const steps = [...new Set(rule && rule.steps.length > 0 ? rule.steps : FALLBACK_STEPS)];
	const own = ownApproverKinds(request.applicantRoles);
	const left = steps.filter((s) => !own.has(s));
	if (left.length > 0) return left;
	const highest = Math.max(...steps.map((s) => APPROVER_KINDS.indexOf(s)));
	const above = APPROVER_KINDS.slice(highest + 1).find((k) => !own.has(k));
	return [above ?? 'principal_leader'];
}

export type ApprovalRuleProblem = 'no_steps' | 'days_reversed' | 'days_negative' | 'never_reached';

/**
 * What is wrong with a rules table the administrator edits, by row: a row without steps, with
 * `minDays` above `maxDays` or below 0, or one that an earlier row without conditions always
 * takes first. An empty result means the table is usable.
 */
export function checkApprovalRules(
	rules: readonly ApprovalRule[]
): { index: number; problem: ApprovalRuleProblem }[] {
	const problems: { index: number; problem: ApprovalRuleProblem }[] = [];
	const catchAll = rules.findIndex(
		(r) =>
			r.minDays === undefined &&
			r.maxDays === undefined &&
			r.applicantRoles === undefined &&
			r.types === undefined
	);
	rules.forEach((rule, index) => {
		if (rule.steps.length === 0) problems.push({ index, problem: 'no_steps' });
		if ((rule.minDays ?? 0) < 0 || (rule.maxDays ?? 0) < 0) {
			problems.push({ index, problem: 'days_negative' });
		}
		if (rule.minDays !== undefined && rule.maxDays !== undefined && rule.minDays > rule.maxDays) {
			problems.push({ index, problem: 'days_reversed' });
		}
		if (catchAll !== -1 && index > catchAll) problems.push({ index, problem: 'never_reached' });
	});
	return problems;
}
