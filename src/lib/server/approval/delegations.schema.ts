import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import { choiceId, isoDate, optionalId, text } from '../fields';

/** 代理审批人: who decides for an approver from one date to another. */
export const delegationSchema = z.object({
	/** Whose steps (the office may set one for anybody); empty: the actor's own. */
	userId: optionalId(),
	delegateId: choiceId(() => m.approval_err_delegate_choose()),
	startDate: isoDate(),
	endDate: isoDate(),
	reason: text(200)
});
export type DelegationInput = z.input<typeof delegationSchema>;
