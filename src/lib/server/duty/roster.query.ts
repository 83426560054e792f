import type { Actor } from '../actor';
import type { DB } from '../db';
import { canManageDuty } from '../permissions';
import { loadVisiblePeriod } from './access';
import {
	findPeriodsWithCounts,
	listPeriodDays,
	listShifts,
	type DutyPeriod,
	type DutyShift
} from './duty.repository';
import {
	listAssignments,
	listUpcomingShiftsOf,
	type DutyAssignment
} from './assignments.repository';
import { parseReport, type GenerationReport } from './roster.rules';
import * as clock from '../clock';

/** The generation report as the roster stands now: its unfilled list holds every empty slot. */
export type RosterReport = Omit<GenerationReport, 'unfilled'> & {
	unfilled: Array<
		Omit<GenerationReport['unfilled'][number], 'reason'> & {
			reason: GenerationReport['unfilled'][number]['reason'] | 'emptied';
		}
	>;
};

/**
 * A slot the generation could not fill keeps its reason; one emptied by hand since (also on a
 * published roster) shows as 'emptied', and one filled by hand since drops out.
 */
export function currentReport(
	report: GenerationReport | null,
	assignments: DutyAssignment[],
	shifts: DutyShift[]
): RosterReport | null {
	if (!report) return null;
	const shiftName = new Map(shifts.map((s) => [s.id, s.name]));
	const reasons = [...report.unfilled];
	const unfilled = assignments
		.filter((a) => a.userId === null)
		.map((a) => {
			const name = shiftName.get(a.shiftId) ?? '';
			const i = reasons.findIndex(
				(u) => u.date === a.date && u.shiftName === name && u.role === a.role
			);
			const reason = i < 0 ? ('emptied' as const) : reasons.splice(i, 1)[0].reason;
			return { date: a.date, shiftName: name, role: a.role, reason };
		});
	return { ...report, unfilled };
}

/**
 * What the office is told before it acts: a new generation reassigns every filled slot not
 * locked by hand; publishing notifies each person on the roster once.
 */
function confirmCounts(assignments: DutyAssignment[]) {
	const filled = assignments.filter((a) => a.userId !== null);
	const locked = filled.filter((a) => a.isLocked).length;
	return {
		overwritten: filled.length - locked,
		locked,
		people: new Set(filled.map((a) => a.userId)).size
	};
}

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
		report: manage ? currentReport(parseReport(period.report), assignments, shifts) : null,
		confirm: manage ? confirmCounts(assignments) : null
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
	now = clock.now()
): Promise<DutyAssignment[]> {
	return listUpcomingShiftsOf(db, actor.id, now.toISOString(), limit);
}
