/**
 * 代理审批人: an approver names a stand-in who decides their steps from one date to another (the
 * office may name one for anybody). Also made by an approver's approved leave with a 工作代理人
 * (source 'leave', through the leave module's links). At most one running delegation per
 * approver on a date: saves for one approver take turns (lockName) and check for overlap.
 */
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { findPersonById } from '../org/users.service';
import { canManageLeave } from '../permissions';
import { parseInput } from '../validation';
import { officeDate } from '../settings/settings.service';
import {
	findDelegationById,
	findLeaveDelegations,
	findOverlappingDelegation,
	findStandIn,
	insertDelegation,
	isActivePerson,
	listCurrentDelegations,
	markDelegationEnded,
	setDelegationEndDate,
	type Delegation
} from './delegations.repository';
import { delegationSchema, type DelegationInput } from './delegations.schema';

export type { Delegation } from './delegations.repository';

const lockDelegations = (trx: DB, userId: number) =>
	lockName(trx, `approval_delegations:${userId}`);

const atOf = (o: { at?: Date | string }) =>
	o.at === undefined ? clock.nowIso() : typeof o.at === 'string' ? o.at : o.at.toISOString();

/** 设置代理审批人: by the approver themself, or the office for anybody. Returns the id. */
export async function setDelegation(
	db: DB,
	actor: Actor,
	input: DelegationInput,
	o: { at?: Date | string } = {}
): Promise<number> {
	const v = parseInput(delegationSchema, input);
	const userId = v.userId ?? actor.id;
	if (userId !== actor.id && !canManageLeave(actor)) throw new ForbiddenError();
	if (v.endDate < v.startDate) throw new ValidationError({ endDate: m.approval_err_dates_order() });
	if (v.delegateId === userId)
		throw new ValidationError({ delegateId: m.approval_err_delegate_self() });
	const at = atOf(o);
	return inTransaction(db, async (trx) => {
		await lockDelegations(trx, userId);
		if (v.endDate < (await officeDate(trx, at)))
			throw new ValidationError({ endDate: m.approval_err_dates_past() });
		// The office may name one for a deactivated approver too, so their waiting steps move on.
		if (!(await findPersonById(trx, userId))) throw new NotFoundError();
		if (!(await isActivePerson(trx, v.delegateId)))
			throw new ValidationError({ delegateId: m.approval_err_delegate_inactive() });
		const clash = await findOverlappingDelegation(trx, userId, v.startDate, v.endDate);
		if (clash)
			throw new ValidationError({
				_: m.approval_err_delegation_overlap({
					name: clash.delegateName,
					start: clash.startDate,
					end: clash.endDate
				})
			});
		const id = await insertDelegation(trx, {
			userId,
			delegateId: v.delegateId,
			startDate: v.startDate,
			endDate: v.endDate,
			reason: v.reason,
			source: 'manual',
			sourceId: null,
			createdBy: actor.id,
			at
		});
		await audit(trx, actor, 'approval.delegate', 'approval_delegation', id, {
			userId,
			delegateId: v.delegateId,
			startDate: v.startDate,
			endDate: v.endDate,
			reason: v.reason
		});
		return id;
	});
}

/** 结束代理: the approver, or the office, ends a running delegation now. */
export async function endDelegation(
	db: DB,
	actor: Actor,
	id: number,
	o: { at?: Date | string } = {}
): Promise<void> {
	const at = atOf(o);
	await inTransaction(db, async (trx) => {
		const d = await findDelegationById(trx, id);
		if (!d) throw new NotFoundError();
		if (d.userId !== actor.id && !canManageLeave(actor)) throw new ForbiddenError();
		if (!(await markDelegationEnded(trx, id, at)))
			throw new ValidationError({ _: m.approval_err_delegation_ended() });
		await audit(trx, actor, 'approval.delegate_end', 'approval_delegation', id, {
			userId: d.userId,
			delegateId: d.delegateId
		});
	});
}

export interface DelegationLists {
	/** Who stands in for me (running or coming). */
	mine: Delegation[];
	/** Whom I stand in for. */
	forMe: Delegation[];
	/** Everyone's, for the office; null for others. */
	all: Delegation[] | null;
}

export async function listDelegations(
	db: DB,
	actor: Actor,
	o: { at?: Date | string } = {}
): Promise<DelegationLists> {
	const from = await officeDate(db, atOf(o));
	const [mine, forMe, all] = await Promise.all([
		listCurrentDelegations(db, { userId: actor.id, from }),
		listCurrentDelegations(db, { delegateId: actor.id, from }),
		canManageLeave(actor) ? listCurrentDelegations(db, { from }) : Promise.resolve(null)
	]);
	return { mine, forMe, all };
}

/**
 * For the leave module: an approver's approved leave with a 工作代理人 makes that person their
 * stand-in for the leave's dates. A running manual delegation that overlaps wins (null).
 * The leave module audits.
 */
export async function addLeaveDelegation(
	trx: DB,
	d: {
		userId: number;
		delegateId: number;
		startDate: string;
		endDate: string;
		leaveId: number;
		at: string;
	}
): Promise<number | null> {
	if (d.delegateId === d.userId) return null;
	await lockDelegations(trx, d.userId);
	if (await findOverlappingDelegation(trx, d.userId, d.startDate, d.endDate)) return null;
	return insertDelegation(trx, {
		userId: d.userId,
		delegateId: d.delegateId,
		startDate: d.startDate,
		endDate: d.endDate,
		reason: '',
		source: 'leave',
		sourceId: d.leaveId,
		createdBy: d.userId,
		at: d.at
	});
}

/**
 * For the leave module: the leave was undone (null: the delegation ends now) or shortened (its
 * last day off is `newEndDate`).
 */
export async function endLeaveDelegation(
	trx: DB,
	leaveId: number,
	newEndDate: string | null,
	at: string
): Promise<void> {
	for (const d of await findLeaveDelegations(trx, leaveId)) {
		if (newEndDate === null || newEndDate < d.startDate) await markDelegationEnded(trx, d.id, at);
		else if (newEndDate < d.endDate) await setDelegationEndDate(trx, d.id, newEndDate);
	}
}

/**
 * Who stands in for `userId` on the office's date `onDate` (an active delegation), if anyone:
 * a kind's service tells them too when a step waits for the approver they stand in for.
 */
export async function currentStandIn(
	db: DB,
	userId: number,
	onDate: string
): Promise<{ id: number; name: string } | undefined> {
	return findStandIn(db, userId, onDate);
}
