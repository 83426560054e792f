/**
 * The approval engine's SQL: requests, their steps, who holds an approver's position, and the
 * inbox (one query over steps → requests → people → departments, with the stand-ins).
 */
import type { ApproverKind } from '$lib/domain/approval-chain';
import type { Role } from '$lib/domain/roles';
import { sql } from 'kysely';
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

export interface ApplicantFacts {
	id: number;
	name: string;
	departmentId: number | null;
	isActive: boolean;
	roles: Role[];
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

export async function findApplicantFacts(
	db: DB,
	userId: number
): Promise<ApplicantFacts | undefined> {
	const row = await db
		.selectFrom('users')
		.select(['id', 'name', 'department_id', 'is_active'])
		.where('id', '=', userId)
		.executeTakeFirst();
	if (!row) return undefined;
	const roles = await db
		.selectFrom('user_roles')
		.select('role')
		.where('user_id', '=', userId)
		.execute();
	return {
		id: row.id,
		name: row.name,
		departmentId: row.department_id,
		isActive: row.is_active,
		roles: roles.map((r) => r.role as Role)
	};
}

/** The department's head: an active holder of dept_head in it, by precedence, then id. */
export async function findDepartmentHead(
	db: DB,
	departmentId: number
): Promise<{ id: number; name: string } | undefined> {
	return db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.select(['users.id', 'users.name'])
		.where('users.department_id', '=', departmentId)
		.where('users.is_active', '=', true)
		.where('user_roles.role', '=', 'dept_head')
		.orderBy('users.precedence')
		.orderBy('users.id')
		.executeTakeFirst();
}

/** The department's 分管领导 while active (null when unset or no longer active). */
export async function findDepartmentLeader(
	db: DB,
	departmentId: number
): Promise<{ id: number; name: string } | undefined> {
	return db
		.selectFrom('departments')
		.innerJoin('users', 'users.id', 'departments.leader_id')
		.select(['users.id', 'users.name'])
		.where('departments.id', '=', departmentId)
		.where('users.is_active', '=', true)
		.executeTakeFirst();
}

/** An active person holding `role`, or undefined. */
export async function findActiveWithRole(
	db: DB,
	userId: number,
	role: Role
): Promise<{ id: number; name: string } | undefined> {
	return db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.select(['users.id', 'users.name'])
		.where('users.id', '=', userId)
		.where('users.is_active', '=', true)
		.where('user_roles.role', '=', role)
		.executeTakeFirst();
}

/** Active people holding `role`, by precedence (pickers). */
export async function listActiveWithRole(
	db: DB,
	role: Role
): Promise<{ id: number; name: string; departmentName: string | null }[]> {
	const rows = await db
		.selectFrom('users')
		.innerJoin('user_roles', 'user_roles.user_id', 'users.id')
		.leftJoin('departments', 'departments.id', 'users.department_id')
		.select(['users.id', 'users.name', 'departments.name as department_name'])
		.where('users.is_active', '=', true)
		.where('user_roles.role', '=', role)
		.orderBy('users.precedence')
		.orderBy('users.id')
		.execute();
	return rows.map((r) => ({ id: r.id, name: r.name, departmentName: r.department_name }));
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
