import type { Actor } from '../actor';
import { hasRole } from '../auth/guard';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { findPeriodById, type DutyPeriod } from './duty.repository';

/** The office (and the administrator) plan rosters, edit them and decide swaps. */
export function canManageDuty(actor: Pick<Actor, 'roles'>): boolean {
	return hasRole(actor, 'office', 'admin');
}

/** A period the actor may see: drafts only to the office; anything else is "not found". */
export async function loadVisiblePeriod(db: DB, actor: Actor, id: number): Promise<DutyPeriod> {
	const p = await findPeriodById(db, id);
	if (!p) throw new NotFoundError();
	if (p.status === 'draft' && !canManageDuty(actor)) throw new NotFoundError();
	return p;
}

export async function loadManagedPeriod(db: DB, actor: Actor, id: number): Promise<DutyPeriod> {
	const p = await loadVisiblePeriod(db, actor, id);
	if (!canManageDuty(actor)) throw new ForbiddenError();
	return p;
}
