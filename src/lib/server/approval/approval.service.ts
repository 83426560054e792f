/**
 * The approval engine (审批): one for every request kind. A request's chain comes from the rules
 * table (rules.service.ts, domain/approval-chain.ts); each step is fixed to a person when the
 * request is made; the steps are decided in order, each a compare-and-set on the step and the
 * request. The engine never audits or notifies: the kind's service does, in the same transaction,
 * with what the engine returns.
 */
import * as m from '$lib/paraglide/messages';
import { chooseChain, type ApplicantRole, type ApproverKind } from '$lib/domain/approval-chain';
import type { Actor } from '../actor';
import type { DB } from '../db';
import type { ApprovalKind } from '../db/schema-leave';
import { ForbiddenError, NotFoundError, ValidationError, withUniqueField } from '../errors';
import { officeDate } from '../settings/settings.service';
import { parseInput } from '../validation';
import {
	closeOpenSteps,
	findRequestBySubject,
	insertApprovalRequest,
	insertApprovalSteps,
	listSteps,
	moveRequest,
	moveStep,
	openStepAt,
	type ApprovalRequest,
	type StepView
} from './approval.repository';
import {
	findActiveWithRole,
	findApplicantFacts,
	findDepartmentHead,
	findDepartmentLeader
} from './approvers.repository';
import {
	countInbox,
	isOnChain,
	listDecidedBy,
	listInbox,
	standsInFor,
	approvesAnything,
	type DecidedRow,
	type InboxRow
} from './inbox.repository';
import { approvalDecisionSchema, type ApprovalDecisionInput } from './approval.schema';
import { findStandIn } from './delegations.repository';
import { getApprovalRules, getPrincipalLeaderId } from './rules.service';

export type { ApprovalRequest, StepView } from './approval.repository';
export type { DecidedRow, InboxRow } from './inbox.repository';
export type { ApprovalDecisionInput } from './approval.schema';

type At = string | Date;
const iso = (at: At) => (typeof at === 'string' ? at : at.toISOString());

export interface StartedApproval {
	requestId: number;
	steps: { position: number; approverKind: ApproverKind; approverId: number }[];
}

/**
 * Starts the approval of a subject: chooses the chain for the applicant, the days and the type,
 * and gives each step to the person who holds it for the applicant today. A position nobody
 * holds is a ValidationError naming what the office must set, and nothing is saved.
 */
export async function startApproval(
	trx: DB,
	r: {
		kind: ApprovalKind;
		subjectId: number;
		applicantId: number;
		days: number;
		type: string;
		at: At;
	}
): Promise<StartedApproval> {
	const at = iso(r.at);
	const applicant = await findApplicantFacts(trx, r.applicantId);
	if (!applicant) throw new NotFoundError();
	const principalId = await getPrincipalLeaderId(trx);
	const isPrincipal = principalId === applicant.id;
	const applicantRoles: ApplicantRole[] = [...applicant.roles];
	if (isPrincipal) applicantRoles.push('principal_leader');
	const chain = chooseChain(await getApprovalRules(trx, r.kind), {
		days: r.days,
		type: r.type,
		applicantRoles
	});

	const steps: StartedApproval['steps'] = [];
	for (const kind of chain) {
		const approverId = await resolveApprover(trx, kind, applicant, principalId, at);
		// Nobody approves their own request, and one person decides once (a 分管领导 who is also
		// the principal leader signs one step).
		if (approverId === applicant.id || steps.some((s) => s.approverId === approverId)) continue;
		steps.push({ position: steps.length, approverKind: kind, approverId });
	}
	if (steps.length === 0) throw new ValidationError({ _: m.approval_err_no_principal() });

	const requestId = await withUniqueField(
		insertApprovalRequest(trx, {
			kind: r.kind,
			subjectId: r.subjectId,
			applicantId: applicant.id,
			stepCount: steps.length,
			at
		}),
		'_',
		m.approval_err_already_started()
	);
	await insertApprovalSteps(trx, requestId, steps);
	return { requestId, steps };
}

async function resolveApprover(
	trx: DB,
	kind: ApproverKind,
	applicant: { id: number; departmentId: number | null },
	principalId: number | null,
	at: string
): Promise<number> {
	if (kind === 'dept_head') {
		if (applicant.departmentId === null)
			throw new ValidationError({ _: m.approval_err_no_department() });
		const head = await findDepartmentHead(trx, applicant.departmentId);
		if (!head) throw new ValidationError({ _: m.approval_err_no_dept_head() });
		return head.id;
	}
	if (kind === 'responsible_leader') {
		if (applicant.departmentId === null)
			throw new ValidationError({ _: m.approval_err_no_department() });
		const leader = await findDepartmentLeader(trx, applicant.departmentId);
		if (!leader) throw new ValidationError({ _: m.approval_err_no_responsible_leader() });
		return leader.id;
	}
	if (principalId === null || !(await findActiveWithRole(trx, principalId, 'leader')))
		throw new ValidationError({ _: m.approval_err_no_principal() });
	if (principalId !== applicant.id) return principalId;
	// The principal leader's own leave goes to the one who stands in for them on the day asked.
	const standIn = await findStandIn(trx, principalId, await officeDate(trx, at));
	if (!standIn) throw new ValidationError({ _: m.approval_err_principal_needs_standin() });
	return standIn.id;
}

async function requestOf(db: DB, kind: ApprovalKind, subjectId: number): Promise<ApprovalRequest> {
	const request = await findRequestBySubject(db, kind, subjectId);
	if (!request) throw new NotFoundError();
	return request;
}

export interface DecisionResult {
	outcome: 'next' | 'approved' | 'sent_back';
	decidedStep: StepView;
	/** Whose turn it is now (outcome 'next'). */
	nextApproverId: number | null;
	/** The approver the actor decided for as stand-in, or null. */
	onBehalfOf: number | null;
}

/**
 * The actor decides the step waiting now: as its approver, or as the approver's stand-in on the
 * office's date of `at`. 同意 moves to the next step (or approves the request); 退回 (with a
 * comment) sends the request back and the later steps stay unreached. Compare-and-set on the
 * step and on the request: of parallel calls one decides, the others are told it is decided.
 */
export async function decideApproval(
	trx: DB,
	actor: Actor,
	kind: ApprovalKind,
	subjectId: number,
	input: ApprovalDecisionInput,
	at: At
): Promise<DecisionResult> {
	const { decision, comment } = parseInput(approvalDecisionSchema, input);
	const when = iso(at);
	const request = await requestOf(trx, kind, subjectId);
	const steps = await listSteps(trx, request.id);
	const step = steps.find((s) => s.position === request.position);
	if (request.status !== 'pending' || !step || step.status !== 'pending') {
		if (!(await mayKnowDecision(trx, actor.id, request, when))) throw new ForbiddenError();
		throw new ValidationError({ _: m.approval_err_already_decided() });
	}
	if (actor.id === request.applicantId) throw new ForbiddenError();
	let onBehalfOf: number | null = null;
	if (step.approverId !== actor.id) {
		if (!(await standsInFor(trx, actor.id, step.approverId, await officeDate(trx, when))))
			throw new ForbiddenError();
		onBehalfOf = step.approverId;
	}
	if (decision === 'send_back' && !comment)
		throw new ValidationError({ comment: m.approval_err_comment_required() });

	const status = decision === 'approve' ? 'approved' : 'sent_back';
	const won = await moveStep(trx, step.id, 'pending', {
		status,
		decidedBy: actor.id,
		decidedAt: when,
		comment
	});
	if (!won) throw new ValidationError({ _: m.approval_err_already_decided() });

	const last = step.position + 1 >= request.stepCount;
	let outcome: DecisionResult['outcome'];
	let moved: boolean;
	if (decision === 'send_back') {
		outcome = 'sent_back';
		moved = await moveRequest(
			trx,
			request.id,
			{ status: 'pending', position: step.position },
			{ status: 'sent_back', at: when, decided: true }
		);
	} else if (last) {
		outcome = 'approved';
		moved = await moveRequest(
			trx,
			request.id,
			{ status: 'pending', position: step.position },
			{ status: 'approved', position: request.stepCount, at: when, decided: true }
		);
	} else {
		outcome = 'next';
		moved = await moveRequest(
			trx,
			request.id,
			{ status: 'pending', position: step.position },
			{ position: step.position + 1, at: when }
		);
		if (moved) await openStepAt(trx, request.id, step.position + 1);
	}
	// The request moved meanwhile (withdrawn): the step's change is rolled back with this error.
	if (!moved) throw new ValidationError({ _: m.approval_err_already_decided() });
	const next = outcome === 'next' ? steps.find((s) => s.position === step.position + 1) : undefined;
	return {
		outcome,
		decidedStep: {
			...step,
			status,
			decidedById: actor.id,
			decidedByName: actor.name,
			decidedAt: when,
			comment
		},
		nextApproverId: next?.approverId ?? null,
		onBehalfOf
	};
}

/** Someone who may be told "already decided" rather than "forbidden". */
async function mayKnowDecision(
	db: DB,
	actorId: number,
	request: ApprovalRequest,
	at: string
): Promise<boolean> {
	return (
		actorId === request.applicantId ||
		(await isOnChain(db, actorId, request.id, await officeDate(db, at)))
	);
}

/**
 * 撤回: the applicant takes the request back while nobody has decided a step. Compare-and-set on
 * the first step (so a decision and a withdrawal at once: one wins) and the request.
 */
export async function withdrawApproval(
	trx: DB,
	actor: Actor,
	kind: ApprovalKind,
	subjectId: number,
	at: At
): Promise<void> {
	const when = iso(at);
	const request = await requestOf(trx, kind, subjectId);
	if (request.applicantId !== actor.id) throw new ForbiddenError();
	if (request.status !== 'pending' || request.position !== 0)
		throw new ValidationError({ _: m.approval_err_cannot_withdraw() });
	const steps = await listSteps(trx, request.id);
	const first = steps.find((s) => s.position === 0);
	if (!first || !(await moveStep(trx, first.id, 'pending', { status: 'withdrawn' })))
		throw new ValidationError({ _: m.approval_err_cannot_withdraw() });
	if (
		!(await moveRequest(
			trx,
			request.id,
			{ status: 'pending', position: 0 },
			{ status: 'withdrawn', at: when, decided: true }
		))
	)
		throw new ValidationError({ _: m.approval_err_cannot_withdraw() });
	await closeOpenSteps(trx, request.id, 'withdrawn');
}

/**
 * The subject was cancelled (an approved leave cancelled before it starts, or a pending one
 * taken back by its module): the request is cancelled and its open steps closed. Cancelling
 * a request already closed changes nothing.
 */
export async function cancelApproval(
	trx: DB,
	kind: ApprovalKind,
	subjectId: number,
	at: At
): Promise<void> {
	const request = await findRequestBySubject(trx, kind, subjectId);
	if (!request) return;
	const moved = await moveRequest(
		trx,
		request.id,
		{ status: ['approved', 'pending'] },
		{ status: 'cancelled', at: iso(at) }
	);
	if (moved) await closeOpenSteps(trx, request.id, 'withdrawn');
}

/** The request of a subject, when it has one. */
export function findApproval(
	db: DB,
	kind: ApprovalKind,
	subjectId: number
): Promise<ApprovalRequest | undefined> {
	return findRequestBySubject(db, kind, subjectId);
}

/** The steps of a subject's chain, in order, with names (the trail on the subject's page). */
export async function approvalTrail(
	db: DB,
	kind: ApprovalKind,
	subjectId: number
): Promise<StepView[]> {
	const request = await findRequestBySubject(db, kind, subjectId);
	return request ? listSteps(db, request.id) : [];
}

/** Whether the actor is on the subject's chain, or stands in on `onDate` for one who is. */
export async function isApproverOf(
	db: DB,
	actorId: number,
	kind: ApprovalKind,
	subjectId: number,
	onDate: string
): Promise<boolean> {
	const request = await findRequestBySubject(db, kind, subjectId);
	return request ? isOnChain(db, actorId, request.id, onDate) : false;
}

/** Whether the actor may decide the subject's waiting step now (theirs or as stand-in). */
export async function canDecideNow(
	db: DB,
	actorId: number,
	kind: ApprovalKind,
	subjectId: number,
	onDate: string
): Promise<boolean> {
	const request = await findRequestBySubject(db, kind, subjectId);
	if (!request || request.status !== 'pending' || request.applicantId === actorId) return false;
	const step = (await listSteps(db, request.id)).find((s) => s.position === request.position);
	if (!step || step.status !== 'pending') return false;
	return step.approverId === actorId || standsInFor(db, actorId, step.approverId, onDate);
}

/** 待审批: the steps waiting for the actor or for those they stand in for on `onDate`. */
export function approvalInbox(
	db: DB,
	actor: Pick<Actor, 'id'>,
	onDate: string,
	o: { limit?: number } = {}
): Promise<InboxRow[]> {
	return listInbox(db, actor.id, onDate, o.limit);
}

export function countApprovalInbox(
	db: DB,
	actor: Pick<Actor, 'id'>,
	onDate: string
): Promise<number> {
	return countInbox(db, actor.id, onDate);
}

/** 已审批: the steps the actor decided since `since` (an instant), newest first. */
export function approvalsDecidedBy(
	db: DB,
	actor: Pick<Actor, 'id'>,
	since: string
): Promise<DecidedRow[]> {
	return listDecidedBy(db, actor.id, since);
}

/**
 * Whether the actor approves anything: a department head, a 分管领导, the 主要领导, someone holding
 * a step, or a stand-in on `onDate` (the 工作台 shows them the 待审批 card).
 */
export async function isAnApprover(
	db: DB,
	actor: Pick<Actor, 'id'>,
	onDate: string
): Promise<boolean> {
	return (
		(await approvesAnything(db, actor.id, onDate)) || (await getPrincipalLeaderId(db)) === actor.id
	);
}
