/**
 * 请假 forms: a request (type, from / to with 上午 / 下午, reason, 去向, 联系方式, 工作代理人),
 * an approver's decision (同意 / 退回 with a comment) and 销假 (the first half day back at work).
 * Proof files come beside the request, as the route hands them over.
 */
import { z } from 'zod';
import { LEAVE_TYPES } from '$lib/domain/leave';
import { isoDate, oneOf, optionalId, requiredText, text } from '../fields';

export const LEAVE_HALVES = ['am', 'pm'] as const;

export const leaveRequestSchema = z.object({
	type: oneOf(LEAVE_TYPES),
	startDate: isoDate(),
	startHalf: oneOf(LEAVE_HALVES).default('am'),
	endDate: isoDate(),
	endHalf: oneOf(LEAVE_HALVES).default('pm'),
	reason: requiredText(500),
	destination: text(200),
	contact: text(100),
	coverId: optionalId()
});
export type LeaveRequestInput = z.input<typeof leaveRequestSchema>;

export const LEAVE_DECISIONS = ['approve', 'send_back'] as const;

export const leaveDecisionSchema = z.object({
	decision: oneOf(LEAVE_DECISIONS),
	comment: text(1000)
});
export type LeaveDecisionInput = z.input<typeof leaveDecisionSchema>;

export const leaveReturnSchema = z.object({
	returnDate: isoDate(),
	returnHalf: oneOf(LEAVE_HALVES).default('am')
});
export type LeaveReturnInput = z.input<typeof leaveReturnSchema>;

/** Proof (医院证明, 结婚证 …): at most this many files, each at most this big. */
export const MAX_PROOF_FILES = 5;
export const MAX_PROOF_FILE_BYTES = 10 * 1024 * 1024;

/** One uploaded proof file as the route hands it over. */
export interface ProofFile {
	name: string;
	type: string;
	bytes: Buffer;
}
