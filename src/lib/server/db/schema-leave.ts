import type { ColumnType, Generated } from 'kysely';
import type { ApproverKind } from '$lib/domain/approval-chain';
import type { LeaveHalf, LeaveType } from '$lib/domain/leave';
import type { CalendarDate, Instant } from './schema';

/** Approval engine, leave and outings tables; see migrations/0014_leave.ts. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;

/** 'leave' now; later request kinds (study tours, certificates) add theirs. */
export type ApprovalKind = 'leave';
export type ApprovalRequestStatus =
	'pending' | 'approved' | 'sent_back' | 'withdrawn' | 'cancelled';
export type ApprovalStepStatus = 'waiting' | 'pending' | 'approved' | 'sent_back' | 'withdrawn';
export type LeaveStatus =
	'pending' | 'approved' | 'sent_back' | 'withdrawn' | 'cancelled' | 'reported';
export type OutingStatus = 'out' | 'back' | 'cancelled';

export interface ApprovalRequestsTable {
	id: Generated<number>;
	kind: ApprovalKind;
	subject_id: number;
	applicant_id: number;
	status: ApprovalRequestStatus;
	position: Defaulted<number>;
	step_count: number;
	created_at: Instant;
	updated_at: Instant;
	decided_at: Instant | null;
}

export interface ApprovalStepsTable {
	id: Generated<number>;
	request_id: number;
	position: number;
	approver_kind: ApproverKind;
	approver_id: number;
	status: ApprovalStepStatus;
	decided_by: number | null;
	decided_at: Instant | null;
	comment: Defaulted<string>;
}

export interface ApprovalDelegationsTable {
	id: Generated<number>;
	user_id: number;
	delegate_id: number;
	start_date: CalendarDate;
	end_date: CalendarDate;
	reason: Defaulted<string>;
	source: Defaulted<'manual' | 'leave'>;
	source_id: number | null;
	created_by: number;
	created_at: Instant;
	ended_at: Instant | null;
}

export interface LeaveRequestsTable {
	id: Generated<number>;
	applicant_id: number;
	department_id: number | null;
	type: LeaveType;
	extends_id: number | null;
	start_date: CalendarDate;
	start_half: LeaveHalf;
	end_date: CalendarDate;
	end_half: LeaveHalf;
	half_days: number;
	year: number;
	reason: Defaulted<string>;
	destination: Defaulted<string>;
	contact: Defaulted<string>;
	cover_id: number | null;
	status: LeaveStatus;
	created_at: Instant;
	updated_at: Instant;
	approved_at: Instant | null;
	cancelled_at: Instant | null;
	return_date: CalendarDate | null;
	return_half: LeaveHalf | null;
	returned_half_days: Defaulted<number>;
	late_half_days: Defaulted<number>;
	reported_at: Instant | null;
}

export interface LeaveFilesTable {
	id: Generated<number>;
	request_id: number;
	name: string;
	type: string;
	size: number;
	content: Buffer;
	uploaded_by: number;
	uploaded_at: Instant;
}

export interface LeaveQuotasTable {
	user_id: number;
	year: number;
	type: LeaveType;
	half_days: number;
	note: Defaulted<string>;
	set_by: number;
	set_at: Instant;
}

export interface OutingsTable {
	id: Generated<number>;
	user_id: number;
	department_id: number | null;
	date: CalendarDate;
	out_at: string;
	back_by: string;
	destination: string;
	matter: string;
	status: OutingStatus;
	created_at: Instant;
	back_at: Instant | null;
}

export interface LeaveTables {
	approval_requests: ApprovalRequestsTable;
	approval_steps: ApprovalStepsTable;
	approval_delegations: ApprovalDelegationsTable;
	leave_requests: LeaveRequestsTable;
	leave_files: LeaveFilesTable;
	leave_quotas: LeaveQuotasTable;
	outings: OutingsTable;
}
