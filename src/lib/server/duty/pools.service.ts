import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit, type AuditedBy } from '../audit';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import type { DutyRole } from '../db/schema-duty';
import { NotFoundError, ValidationError } from '../errors';
import { canManageDuty, OFF_DUTY_ROLES, requirePermission } from '../permissions';
import { parseInput } from '../validation';
import { nowIso } from '../clock';
import { lockPeople } from './locks.repository';
import {
	deleteExemption,
	deletePoolMember,
	findActiveUserIds,
	insertExemption,
	insertPoolMembers,
	isExempt
} from './pools.repository';
import {
	deleteUnavailability,
	findUnavailabilityById,
	findUnavailabilityBySource,
	findUnavailabilityCovering,
	insertUnavailability,
	setUnavailabilityEnd
} from './availability.repository';
import {
	exemptionSchema,
	poolSchema,
	unavailabilitySchema,
	type ExemptionInput,
	type PoolInput,
	type UnavailabilityInput
} from './roster.schema';
import { loadDraft } from './periods.service';

// Who may serve on the rosters: the pools (by hand, a department, a role), the exemptions,
// and the unavailability — entered by the office or kept by approved leave. The generation
// that reads them: roster.service.ts.

// ---- pools and exemptions ------------------------------------------------------------------

/** Adds people to a pool by hand, a whole department, or everyone with a role. */
export async function addToPool(
	db: DB,
	actor: Actor,
	periodId: number,
	input: PoolInput
): Promise<number> {
	const v = parseInput(poolSchema, input);
	return inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		let ids: number[];
		if (v.by === 'person') {
			if (!v.userId) throw new ValidationError({ userId: m.err_choose_one() });
			ids = await findActiveUserIds(trx, { ids: [v.userId], excludeRoles: [...OFF_DUTY_ROLES] });
			if (!ids.length) {
				const known = await findActiveUserIds(trx, { ids: [v.userId] });
				throw new ValidationError({
					userId: known.length ? m.duty_err_auditor() : m.duty_err_person_unknown()
				});
			}
		} else if (v.by === 'department') {
			if (!v.departmentId) throw new ValidationError({ departmentId: m.err_choose_one() });
			ids = await findActiveUserIds(trx, {
				departmentId: v.departmentId,
				excludeRoles: [...OFF_DUTY_ROLES]
			});
		} else {
			if (!v.userRole) throw new ValidationError({ userRole: m.err_choose_one() });
			ids = await findActiveUserIds(trx, {
				roles: [v.userRole],
				excludeRoles: [...OFF_DUTY_ROLES]
			});
		}
		const added = await insertPoolMembers(trx, periodId, v.role, ids);
		// Everyone was in the pool already (a second click): nothing to record.
		if (!added) return 0;
		await audit(trx, actor, 'duty_pool.add', 'duty_period', periodId, { ...v, added });
		return added;
	});
}

export async function removeFromPool(
	db: DB,
	actor: Actor,
	periodId: number,
	role: DutyRole,
	userId: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		if (!(await deletePoolMember(trx, periodId, role, userId))) throw new NotFoundError();
		await audit(trx, actor, 'duty_pool.remove', 'duty_period', periodId, { role, userId });
	});
}

/** Exempts a person for this period (e.g. pregnancy, long-term sickness). */
export async function addExemption(
	db: DB,
	actor: Actor,
	periodId: number,
	input: ExemptionInput
): Promise<void> {
	const v = parseInput(exemptionSchema, input);
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		if (!(await findActiveUserIds(trx, { ids: [v.userId] })).length)
			throw new ValidationError({ userId: m.duty_err_person_unknown() });
		if (await isExempt(trx, periodId, v.userId))
			throw new ValidationError({ userId: m.duty_err_already_exempt() });
		await insertExemption(trx, { periodId, userId: v.userId, reason: v.reason });
		await audit(trx, actor, 'duty_exemption.add', 'duty_period', periodId, v);
	});
}

export async function removeExemption(
	db: DB,
	actor: Actor,
	periodId: number,
	userId: number
): Promise<void> {
	await inTransaction(db, async (trx) => {
		await loadDraft(trx, actor, periodId);
		if (!(await deleteExemption(trx, periodId, userId))) throw new NotFoundError();
		await audit(trx, actor, 'duty_exemption.remove', 'duty_period', periodId, { userId });
	});
}

// ---- unavailability ------------------------------------------------------------------------

/** Marks a person unavailable for duty on some dates (approved leave will add these too). */
export async function addUnavailability(
	db: DB,
	actor: Actor,
	input: UnavailabilityInput
): Promise<number> {
	requirePermission(actor, canManageDuty);
	const v = parseInput(unavailabilitySchema, input);
	return inTransaction(db, async (trx) => {
		await lockPeople(trx, [v.userId]);
		if (!(await findActiveUserIds(trx, { ids: [v.userId] })).length)
			throw new ValidationError({ userId: m.duty_err_person_unknown() });
		if (await findUnavailabilityCovering(trx, v.userId, v.startDate, v.endDate))
			throw new ValidationError({ startDate: m.duty_err_unavailable_exists() });
		const id = await insertUnavailability(trx, {
			...v,
			createdBy: actor.id,
			createdAt: nowIso()
		});
		await audit(trx, actor, 'duty_unavailability.add', 'duty_unavailability', id, v);
		return id;
	});
}

export async function removeUnavailability(db: DB, actor: Actor, id: number): Promise<void> {
	requirePermission(actor, canManageDuty);
	await inTransaction(db, async (trx) => {
		const entry = await findUnavailabilityById(trx, id);
		if (!entry) throw new NotFoundError();
		// Removed meanwhile by someone else: as if it had not been found.
		if (!(await deleteUnavailability(trx, id))) throw new NotFoundError();
		await audit(trx, actor, 'duty_unavailability.remove', 'duty_unavailability', id, {
			userId: entry.userId,
			startDate: entry.startDate,
			endDate: entry.endDate
		});
	});
}

/**
 * Approved leave (issue 11) keeps its person off the rosters: one entry with source 'leave' and
 * the request's id, in the leave's transaction. `endDate` null removes the entry (leave undone);
 * an end before the start removes it too (cut short before it began); another end moves it.
 * Each change is audited here with `via: 'leave'`; an unchanged entry writes nothing.
 */
export async function setLeaveUnavailability(
	trx: DB,
	by: AuditedBy,
	o: {
		userId: number;
		leaveId: number;
		startDate: string;
		endDate: string | null;
		reason: string;
		at: string;
	}
): Promise<'added' | 'changed' | 'removed' | 'unchanged'> {
	await lockPeople(trx, [o.userId]);
	const existing = await findUnavailabilityBySource(trx, 'leave', o.leaveId);
	const keep = o.endDate !== null && o.endDate >= o.startDate;
	const via = { via: 'leave', leaveId: o.leaveId, userId: o.userId };
	if (!keep) {
		let removed = false;
		for (const e of existing) {
			if (!(await deleteUnavailability(trx, e.id))) continue;
			removed = true;
			await audit(trx, by, 'duty_unavailability.remove', 'duty_unavailability', e.id, {
				...via,
				startDate: e.startDate,
				endDate: e.endDate
			});
		}
		return removed ? 'removed' : 'unchanged';
	}
	if (!existing.length) {
		const id = await insertUnavailability(trx, {
			userId: o.userId,
			startDate: o.startDate,
			endDate: o.endDate!,
			reason: o.reason,
			createdBy: by.id ?? o.userId,
			createdAt: o.at,
			source: 'leave',
			sourceId: o.leaveId
		});
		await audit(trx, by, 'duty_unavailability.add', 'duty_unavailability', id, {
			...via,
			startDate: o.startDate,
			endDate: o.endDate,
			reason: o.reason
		});
		return 'added';
	}
	let changed = false;
	for (const e of existing) {
		if (!(await setUnavailabilityEnd(trx, e.id, o.endDate!))) continue;
		changed = true;
		await audit(trx, by, 'duty_unavailability.shorten', 'duty_unavailability', e.id, {
			...via,
			endDate: [e.endDate, o.endDate]
		});
	}
	return changed ? 'changed' : 'unchanged';
}
