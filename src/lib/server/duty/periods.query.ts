import type { Actor } from '../actor';
import { canManageDuty } from '../permissions';
import type { DB } from '../db';
import { getDepartments } from '../org/departments.service';
import { withInitials } from '../person-initials';
import {
	findPeriodsWithCounts,
	listPeriodDays,
	listShifts,
	type DutyPeriod
} from './periods.repository';
import { listActivePeople, listExemptions, listPoolMembers } from './pools.repository';
import { loadManagedPeriod } from './periods.service';

/** Everything the setup page edits: details, days, shifts, pools, exemptions and the pickers. */
export async function getPeriodSetup(db: DB, actor: Actor, periodId: number) {
	const period = await loadManagedPeriod(db, actor, periodId);
	const [days, shifts, pool, exemptions, people, departments] = await Promise.all([
		listPeriodDays(db, periodId),
		listShifts(db, periodId),
		listPoolMembers(db, periodId),
		listExemptions(db, periodId),
		listActivePeople(db),
		getDepartments(db)
	]);
	return {
		period,
		days,
		shifts,
		leaders: pool.filter((p) => p.role === 'leader'),
		officers: pool.filter((p) => p.role === 'officer'),
		exemptions,
		people: withInitials(people),
		departments: departments.filter((d) => d.isActive).map((d) => ({ id: d.id, name: d.name }))
	};
}

/** Periods the actor may see, newest first: drafts only for the office. */
export function listPeriods(
	db: DB,
	actor: Actor
): Promise<Array<DutyPeriod & { slots: number; mine: number }>> {
	return findPeriodsWithCounts(db, actor.id, !canManageDuty(actor));
}
