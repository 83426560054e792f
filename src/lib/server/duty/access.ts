import type { Actor } from '../actor';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { canManageDuty } from '../permissions';
import { findPeriodById, type DutyPeriod } from './duty.repository';

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

export async function loadManagedPeriod(db: DB, actor: Actor, id: number): Promise<DutyPeriod> {
	const p = await loadVisiblePeriod(db, actor, id);
	if (!canManageDuty(actor)) throw new ForbiddenError();
	return p;
}
