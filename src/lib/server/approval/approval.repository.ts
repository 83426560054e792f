/**
 * The approval engine's records: requests and their steps, each move a compare-and-set. Who
 * holds a position is approvers.repository.ts; the inbox and stand-ins inbox.repository.ts.
 */
import type { ApproverKind } from '$lib/domain/approval-chain';
import type { DB } from '../db';
import type { ApprovalKind, ApprovalRequestStatus, ApprovalStepStatus } from '../db/schema-leave';

export interface ApprovalRequest {
	id: number;
	kind: ApprovalKind;
	subjectId: number;
	applicantId: number;
	status: ApprovalRequestStatus;
	position: number;
	stepCount: number;
	createdAt: string;
	updatedAt: string;
	decidedAt: string | null;
}

/** One step of a request's trail, with the names shown. */
export interface StepView {
	id: number;
	position: number;
	approverKind: ApproverKind;
	approverId: number;
	approverName: string;
	status: ApprovalStepStatus;
	decidedById: number | null;
	decidedByName: string | null;
	decidedAt: string | null;
	comment: string;
}

const requestColumns = [
	'id',
	'kind',
	'subject_id',
	'applicant_id',
	'status',
	'position',
	'step_count',
	'created_at',
	'updated_at',
	'decided_at'
] as const;

function toRequest(r: {
	id: number;
	kind: ApprovalKind;
	subject_id: number;
	applicant_id: number;
	status: ApprovalRequestStatus;
	position: number;
	step_count: number;
	created_at: string;
	updated_at: string;
	decided_at: string | null;
}): ApprovalRequest {
	return {
		id: r.id,
		kind: r.kind,
		subjectId: r.subject_id,
		applicantId: r.applicant_id,
		status: r.status,
		position: r.position,
		stepCount: r.step_count,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		decidedAt: r.decided_at
	};
}

export async function insertApprovalRequest(
	trx: DB,
	r: {
		kind: ApprovalKind;
		subjectId: number;
		applicantId: number;
		stepCount: number;
		at: string;
	}
): Promise<number> {
	const row = await trx
		.insertInto('approval_requests')
		.values({
			kind: r.kind,
			subject_id: r.subjectId,
			applicant_id: r.applicantId,
			status: 'pending',
			position: 0,
			step_count: r.stepCount,
			created_at: r.at,
			updated_at: r.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function insertApprovalSteps(
	trx: DB,
	requestId: number,
	steps: { approverKind: ApproverKind; approverId: number }[]
): Promise<void> {
	if (steps.length === 0) return;
	await trx
		.insertInto('approval_steps')
		.values(
			steps.map((s, i) => ({
				request_id: requestId,
				position: i,
				approver_kind: s.approverKind,
				approver_id: s.approverId,
				status: i === 0 ? ('pending' as const) : ('waiting' as const)
			}))
		)
		.execute();
}

export async function findRequestBySubject(
	db: DB,
	kind: ApprovalKind,
	subjectId: number
): Promise<ApprovalRequest | undefined> {
	const row = await db
		.selectFrom('approval_requests')
		.select(requestColumns)
		.where('kind', '=', kind)
		.where('subject_id', '=', subjectId)
		.executeTakeFirst();
	return row && toRequest(row);
}

export async function listSteps(db: DB, requestId: number): Promise<StepView[]> {
	const rows = await db
		.selectFrom('approval_steps as s')
		.innerJoin('users as a', 'a.id', 's.approver_id')
		.leftJoin('users as d', 'd.id', 's.decided_by')
		.select([
			's.id',
			's.position',
			's.approver_kind',
			's.approver_id',
			'a.name as approver_name',
			's.status',
			's.decided_by',
			'd.name as decided_by_name',
			's.decided_at',
			's.comment'
		])
		.where('s.request_id', '=', requestId)
		.orderBy('s.position')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		position: r.position,
		approverKind: r.approver_kind,
		approverId: r.approver_id,
		approverName: r.approver_name,
		status: r.status,
		decidedById: r.decided_by,
		decidedByName: r.decided_by_name,
		decidedAt: r.decided_at,
		comment: r.comment
	}));
}

/** Compare-and-set on one step: true when this call moved it from `from`. */
export async function moveStep(
	trx: DB,
	stepId: number,
	from: ApprovalStepStatus,
	set: { status: ApprovalStepStatus; decidedBy?: number; decidedAt?: string; comment?: string }
): Promise<boolean> {
	const row = await trx
		.updateTable('approval_steps')
		.set({
			status: set.status,
			decided_by: set.decidedBy,
			decided_at: set.decidedAt,
			comment: set.comment
		})
		.where('id', '=', stepId)
		.where('status', '=', from)
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/** The steps of a request not yet reached or waiting now → `status` (withdrawn). */
export async function closeOpenSteps(
	trx: DB,
	requestId: number,
	status: ApprovalStepStatus
): Promise<void> {
	await trx
		.updateTable('approval_steps')
		.set({ status })
		.where('request_id', '=', requestId)
		.where('status', 'in', ['waiting', 'pending'])
		.execute();
}

/** The step at `position` waiting → pending (its turn has come). */
export async function openStepAt(trx: DB, requestId: number, position: number): Promise<void> {
	await trx
		.updateTable('approval_steps')
		.set({ status: 'pending' })
		.where('request_id', '=', requestId)
		.where('position', '=', position)
		.where('status', '=', 'waiting')
		.execute();
}

/**
 * Compare-and-set on a request: moves it only while it is still `status` at `position`.
 */
export async function moveRequest(
	trx: DB,
	requestId: number,
	from: { status: ApprovalRequestStatus | readonly ApprovalRequestStatus[]; position?: number },
	set: { status?: ApprovalRequestStatus; position?: number; at: string; decided?: boolean }
): Promise<boolean> {
	let q = trx
		.updateTable('approval_requests')
		.set({
			status: set.status,
			position: set.position,
			updated_at: set.at,
			decided_at: set.decided ? set.at : undefined
		})
		.where('id', '=', requestId);
	q =
		typeof from.status === 'string'
			? q.where('status', '=', from.status)
			: q.where('status', 'in', [...from.status]);
	if (from.position !== undefined) q = q.where('position', '=', from.position);
	const row = await q.returning('id').executeTakeFirst();
	return row !== undefined;
}
