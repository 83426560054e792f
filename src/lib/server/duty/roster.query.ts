import type { Actor } from '../actor';
import type { DB } from '../db';
import { canManageDuty, loadVisiblePeriod } from './access';
import {
	findPeriodsWithCounts,
	listPeriodDays,
	listShifts,
	type DutyPeriod
} from './duty.repository';
import {
	listAssignments,
	listUpcomingShiftsOf,
	type DutyAssignment
} from './assignments.repository';
import { parseReport } from './roster.rules';

/** Everything the roster page shows. */
export async function getRoster(db: DB, actor: Actor, periodId: number) {
	const period = await loadVisiblePeriod(db, actor, periodId);
	const manage = canManageDuty(actor);
	const [days, shifts, assignments] = await Promise.all([
		listPeriodDays(db, periodId),
		listShifts(db, periodId),
		listAssignments(db, periodId)
	]);
	return {
		period,
		days,
		shifts,
		assignments,
		canManage: manage,
		report: manage ? parseReport(period.report) : null
	};
}

/** Periods the actor may see, newest first: drafts only for the office. */
export function listPeriods(
	db: DB,
	actor: Actor
): Promise<Array<DutyPeriod & { slots: number; mine: number }>> {
	return findPeriodsWithCounts(db, actor.id, !canManageDuty(actor));
}

/** My shifts on published rosters that have not ended yet, soonest first (home page, /duty). */
export function myUpcomingShifts(
	db: DB,
	actor: Actor,
	limit: number,
	now = new Date()
): Promise<DutyAssignment[]> {
	return listUpcomingShiftsOf(db, actor.id, now.toISOString(), limit);
}
