/** Approval steps and requests in words, for the inbox, the trail and the rules editor. */
import * as m from '$lib/paraglide/messages';
import type { ApproverKind } from '$lib/domain/approval-chain';

type StepStatus = 'waiting' | 'pending' | 'approved' | 'sent_back' | 'withdrawn';
type RequestStatus = 'pending' | 'approved' | 'sent_back' | 'withdrawn' | 'cancelled';

const STEP_KIND: Record<ApproverKind, () => string> = {
	dept_head: m.approval_step_dept_head,
	responsible_leader: m.approval_step_responsible_leader,
	principal_leader: m.approval_step_principal_leader
};

const STEP_STATUS: Record<StepStatus, () => string> = {
	waiting: m.approval_status_waiting,
	pending: m.approval_status_pending,
	approved: m.approval_status_approved,
	sent_back: m.approval_status_sent_back,
	withdrawn: m.approval_status_withdrawn
};

const REQUEST_STATUS: Record<RequestStatus, () => string> = {
	pending: m.approval_req_pending,
	approved: m.approval_req_approved,
	sent_back: m.approval_req_sent_back,
	withdrawn: m.approval_req_withdrawn,
	cancelled: m.approval_req_cancelled
};

export const approverKindLabel = (k: ApproverKind) => STEP_KIND[k]?.() ?? k;
export const stepStatusLabel = (s: StepStatus) => STEP_STATUS[s]?.() ?? s;
export const requestStatusLabel = (s: RequestStatus) => REQUEST_STATUS[s]?.() ?? s;

/** The tag tone of a step's status (app.css tones). */
export function stepStatusTone(s: StepStatus): string {
	if (s === 'approved') return 'green';
	if (s === 'sent_back') return 'red';
	if (s === 'pending') return 'blue';
	return '';
}

/** Who decided a step: "李四（代张三）" when a stand-in decided for the approver. */
export function decidedByText(step: {
	approverId: number;
	approverName: string;
	decidedById: number | null;
	decidedByName: string | null;
}): string {
	if (step.decidedById === null || step.decidedByName === null) return step.approverName;
	if (step.decidedById === step.approverId) return step.decidedByName;
	return m.approval_on_behalf({ name: step.decidedByName, of: step.approverName });
}
