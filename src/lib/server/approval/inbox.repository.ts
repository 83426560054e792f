/**
 * Who may decide a step now (the approver or their stand-in on the date), the inbox of
 * waiting steps and the steps someone decided.
 */
import { sql } from 'kysely';
import type { DB } from '../db';
import type { ApprovalKind, ApprovalRequestStatus, ApprovalStepStatus } from '../db/schema-leave';

export interface InboxRow {
	kind: ApprovalKind;
	subjectId: number;
	requestId: number;
	stepId: number;
	applicantId: number;
	applicantName: string;
	departmentName: string | null;
	createdAt: string;
	/** 0-based position of the pending step. */
	position: number;
	stepCount: number;
	/** The approver the actor stands in for (代), or null for the actor's own steps. */
	onBehalfOfName: string | null;
	onBehalfOfId: number | null;
}

export interface DecidedRow {
	kind: ApprovalKind;
	subjectId: number;
	requestId: number;
	applicantName: string;
	departmentName: string | null;
	position: number;
	stepCount: number;
	status: ApprovalStepStatus;
	decidedAt: string;
	requestStatus: ApprovalRequestStatus;
}

/** The people `delegateId` stands in for on `onDate` (active delegations). */
function delegatorsOn(db: DB, delegateId: number, onDate: string) {
	return db
		.selectFrom('approval_delegations')
		.select('user_id')
		.where('delegate_id', '=', delegateId)
		.where('start_date', '<=', onDate)
		.where('end_date', '>=', onDate)
		.where('ended_at', 'is', null);
}

/** Whether `delegateId` stands in for `userId` on `onDate`. */
export async function standsInFor(
	db: DB,
	delegateId: number,
	userId: number,
	onDate: string
): Promise<boolean> {
	const row = await delegatorsOn(db, delegateId, onDate)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row !== undefined;
}

/** Whether the actor is (or stands in for, or decided as stand-in) an approver of the request. */
export async function isOnChain(
	db: DB,
	actorId: number,
	requestId: number,
	onDate: string
): Promise<boolean> {
	const row = await db
		.selectFrom('approval_steps')
		.select('id')
		.where('request_id', '=', requestId)
		.where((eb) =>
			eb.or([
				eb('approver_id', '=', actorId),
				eb('decided_by', '=', actorId),
				eb('approver_id', 'in', delegatorsOn(db, actorId, onDate))
			])
		)
		.executeTakeFirst();
	return row !== undefined;
}

/**
 * Pending steps of the actor and of those they stand in for: `approver_id IN (me UNION the
 * people I stand in for)`, so both databases walk approval_steps_inbox_ix per approver rather
 * than scanning every step.
 */
function inboxQuery(db: DB, actorId: number, onDate: string) {
	const approvers = delegatorsOn(db, actorId, onDate).unionAll(
		db.selectNoFrom(sql<number>`cast(${actorId} as integer)`.as('user_id'))
	);
	return db
		.selectFrom('approval_steps as s')
		.innerJoin('approval_requests as r', 'r.id', 's.request_id')
		.where('s.status', '=', 'pending')
		.where('s.approver_id', 'in', approvers)
		.where('r.status', '=', 'pending')
		.where('r.applicant_id', '!=', actorId);
}

/** Steps waiting for the actor's decision, as theirs or as a stand-in; oldest first. */
export async function listInbox(
	db: DB,
	actorId: number,
	onDate: string,
	limit?: number
): Promise<InboxRow[]> {
	let q = inboxQuery(db, actorId, onDate)
		.innerJoin('users as a', 'a.id', 'r.applicant_id')
		.leftJoin('departments as d', 'd.id', 'a.department_id')
		.innerJoin('users as p', 'p.id', 's.approver_id')
		.select([
			'r.kind',
			'r.subject_id',
			'r.id as request_id',
			's.id as step_id',
			'r.applicant_id',
			'a.name as applicant_name',
			'd.name as department_name',
			'r.created_at',
			's.position',
			'r.step_count',
			's.approver_id',
			'p.name as approver_name'
		])
		.orderBy('r.created_at')
		.orderBy('r.id');
	if (limit !== undefined) q = q.limit(limit);
	const rows = await q.execute();
	return rows.map((r) => ({
		kind: r.kind,
		subjectId: r.subject_id,
		requestId: r.request_id,
		stepId: r.step_id,
		applicantId: r.applicant_id,
		applicantName: r.applicant_name,
		departmentName: r.department_name,
		createdAt: r.created_at,
		position: r.position,
		stepCount: r.step_count,
		onBehalfOfId: r.approver_id === actorId ? null : r.approver_id,
		onBehalfOfName: r.approver_id === actorId ? null : r.approver_name
	}));
}

export async function countInbox(db: DB, actorId: number, onDate: string): Promise<number> {
	const row = await inboxQuery(db, actorId, onDate)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/** Steps the actor decided (theirs or as stand-in) since `since`, newest first. */
export async function listDecidedBy(
	db: DB,
	actorId: number,
	since: string,
	limit = 200
): Promise<DecidedRow[]> {
	const rows = await db
		.selectFrom('approval_steps as s')
		.innerJoin('approval_requests as r', 'r.id', 's.request_id')
		.innerJoin('users as a', 'a.id', 'r.applicant_id')
		.leftJoin('departments as d', 'd.id', 'a.department_id')
		.select([
			'r.kind',
			'r.subject_id',
			'r.id as request_id',
			'a.name as applicant_name',
			'd.name as department_name',
			's.position',
			'r.step_count',
			's.status',
			's.decided_at',
			'r.status as request_status'
		])
		.where('s.decided_by', '=', actorId)
		.where('s.decided_at', '>=', since)
		.orderBy('s.decided_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		kind: r.kind,
		subjectId: r.subject_id,
		requestId: r.request_id,
		applicantName: r.applicant_name,
		departmentName: r.department_name,
		position: r.position,
		stepCount: r.step_count,
		status: r.status,
		decidedAt: r.decided_at ?? '',
		requestStatus: r.request_status
	}));
}

/**
 * Whether the person approves anything: heads a department (dept_head with a department), is a
 * department's 分管领导, holds a step, or stands in for someone on the date.
 */
export async function approvesAnything(db: DB, actorId: number, onDate: string): Promise<boolean> {
	const position = await db
		.selectFrom('users')
		.select('users.id')
		.where('users.id', '=', actorId)
		.where((eb) =>
			eb.or([
				eb.exists(
					eb
						.selectFrom('departments')
						.select('departments.id')
						.where('departments.leader_id', '=', actorId)
				),
				eb.and([
					eb('users.department_id', 'is not', null),
					eb.exists(
						eb
							.selectFrom('user_roles')
							.select('user_roles.user_id')
							.where('user_roles.user_id', '=', actorId)
							.where('user_roles.role', '=', 'dept_head')
					)
				])
			])
		)
		.executeTakeFirst();
	if (position) return true;
	const own = await db
		.selectFrom('approval_steps')
		.select('id')
		.where('approver_id', '=', actorId)
		.limit(1)
		.executeTakeFirst();
	if (own) return true;
	const stand = await delegatorsOn(db, actorId, onDate).limit(1).executeTakeFirst();
	return stand !== undefined;
}
