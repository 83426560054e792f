import type { Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import { hasRole } from '../auth/guard';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { findPeriodById, type DutyPeriod } from './duty.repository';

/**
 * Who may serve duty: everyone active except these roles. 三员分立: the security auditor only
 * reads the audit log. Every way into a pool filters by it.
 */
export const OFF_DUTY_ROLES: readonly Role[] = ['auditor'];

/** The office (and the administrator) plan rosters, edit them and decide swaps. */
export function canManageDuty(actor: Pick<Actor, 'roles'>): boolean {
	return hasRole(actor, 'office', 'admin');
}

/**
 * A period the actor may see: drafts only to the office; anything else is "not found". The
 * generation report is the office's working paper, so nobody else receives it.
 */
export async function loadVisiblePeriod(db: DB, actor: Actor, id: number): Promise<DutyPeriod> {
	const p = await findPeriodById(db, id);
	if (!p) throw new NotFoundError();
	if (canManageDuty(actor)) return p;
	if (p.status === 'draft') throw new NotFoundError();
	return { ...p, report: '' };
}

/**
 * Who reads a duty log (callers, their units and phones, incidents, handovers): the people on
 * that shift, the office and the 局领导. Without `shiftPeople` the question is "every shift's
 * log" (the period's print, the search), which only the office and the leaders may read.
 */
export function canReadDutyLog(
	actor: Pick<Actor, 'id' | 'roles'>,
	shiftPeople?: ReadonlyArray<{ userId: number }>
): boolean {
	if (hasRole(actor, 'office', 'admin', 'leader')) return true;
	return !!shiftPeople?.some((p) => p.userId === actor.id);
}

export async function loadManagedPeriod(db: DB, actor: Actor, id: number): Promise<DutyPeriod> {
	const p = await loadVisiblePeriod(db, actor, id);
	if (!canManageDuty(actor)) throw new ForbiddenError();
	return p;
}
