import { DUTY_ROLES } from '$lib/domain/duty-terms';
import { withInitials } from '../person-initials';
import * as m from '$lib/paraglide/messages';
import { dutyYear, roundLoad, summarise, type LoadSummary } from '$lib/domain/duty-fairness';
import { slotConflict, type LedgerEntry, type SlotConflict } from '$lib/domain/duty-roster';
import { parseReport, toSlot, type GenerationReport } from '$lib/domain/duty-slots';
import type { Actor } from '../actor';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';
import { NotFoundError } from '../errors';
import { canManageDuty, requirePermission } from '../permissions';
import * as clock from '../clock';
import { listPeriodDays, listShifts, type DutyPeriod, type DutyShift } from './periods.repository';
import {
	countHolidayShifts,
	listFairnessPeople,
	loadLedger,
	sumLoads,
	type LoadTotals
} from './ledger.repository';
import {
	findAssignmentById,
	hasFilledSlots,
	listAssignments,
	listShiftsOfPeopleAround,
	listUpcomingShiftsOf,
	type DutyAssignment
} from './roster.repository';
import {
	listActivePeople,
	listExemptions,
	listPoolMembers,
	type DutyPerson
} from './pools.repository';
import { listUnavailability } from './availability.repository';
import { loadManagedPeriod, loadVisiblePeriod } from './periods.service';

// Read models of the roster's pages: the roster grid and its report, the slot editor's
// candidates, the fairness report and the unavailability list (the printed and Excel roster:
// roster.export.ts).

export type { GenerationReport, LoadSummary };

// ---- the roster page -----------------------------------------------------------------------

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
	const [days, shifts, assignments, unavailable] = await Promise.all([
		listPeriodDays(db, periodId),
		listShifts(db, periodId),
		listAssignments(db, periodId),
		// Approved leave (source 'leave') of someone already on the roster: the office adjusts.
		manage ? listUnavailability(db, { start: period.startDate, end: period.endDate }) : []
	]);
	const away = unavailable.filter((u) => u.source === 'leave');
	const onLeave = assignments
		.filter((a) =>
			away.some((u) => u.userId === a.userId && u.startDate <= a.date && u.endDate >= a.date)
		)
		.map((a) => a.id);
	return {
		period,
		days,
		shifts,
		assignments,
		onLeave,
		canManage: manage,
		report: manage ? currentReport(parseReport(period.report), assignments, shifts) : null,
		confirm: manage ? confirmCounts(assignments) : null
	};
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

// ---- the slot editor -----------------------------------------------------------------------

export async function ledgerMap(db: DB, periodId: number): Promise<Map<number, LedgerEntry>> {
	const { rows, labels } = await loadLedger(db, periodId);
	const map = new Map<number, LedgerEntry>();
	for (const r of rows) map.set(r.userId, { load: r.load, lastServed: r.lastServed, labels: {} });
	for (const l of labels) {
		const e = map.get(l.userId);
		if (e) e.labels[l.label] = l.n;
	}
	return map;
}

/** A pool member as the slot editor offers them: loads and why they may not fit. */
export interface SlotCandidate extends DutyPerson {
	periodLoad: number;
	totalLoad: number;
	conflict: SlotConflict | 'exempt' | null;
}

/** The people who could take a slot, least loaded first, each with their conflicts. */
export async function slotCandidates(
	db: DB,
	actor: Actor,
	assignmentId: number
): Promise<Array<SlotCandidate & { initials: string }>> {
	const a = await findAssignmentById(db, assignmentId);
	if (!a) throw new NotFoundError();
	const period = await loadManagedPeriod(db, actor, a.periodId);
	const [pool, all, exemptions, unavailable, ledger] = await Promise.all([
		listPoolMembers(db, period.id),
		listAssignments(db, period.id),
		listExemptions(db, period.id),
		listUnavailability(db, { start: period.startDate, end: period.endDate }),
		ledgerMap(db, period.id)
	]);
	const exempt = new Set(exemptions.map((e) => e.id));
	const candidates = pool.filter((p) => p.role === a.role).map((p) => p.id);
	const around = await listShiftsOfPeopleAround(db, candidates, period.id, a.startsAt, a.endsAt);
	const current = [...all, ...around].map((x) => ({ slot: toSlot(x), userId: x.userId }));
	const periodLoad = new Map<number, number>();
	for (const x of all)
		if (x.userId) periodLoad.set(x.userId, (periodLoad.get(x.userId) ?? 0) + x.weight);
	const slot = toSlot(a);
	// With pinyin initials for the PersonPicker's search.
	const ranked = pool
		.filter((p) => p.role === a.role)
		.map((p) => {
			const pl = periodLoad.get(p.id) ?? 0;
			return {
				...p,
				periodLoad: pl,
				totalLoad: pl + (ledger.get(p.id)?.load ?? 0),
				conflict: exempt.has(p.id)
					? ('exempt' as const)
					: slotConflict(slot, p.id, current, unavailable)
			};
		})
		.sort(
			(x, y) =>
				Number(!!x.conflict) - Number(!!y.conflict) ||
				x.totalLoad - y.totalLoad ||
				x.precedence - y.precedence
		);
	return withInitials(ranked);
}

// ---- unavailability ------------------------------------------------------------------------

/** The unavailability list and the people picker, for the office. */
export async function getUnavailability(db: DB, actor: Actor) {
	requirePermission(actor, canManageDuty);
	const [entries, people] = await Promise.all([listUnavailability(db), listActivePeople(db)]);
	// Pinyin initials for the PersonPicker's search.
	return { entries, people: withInitials(people) };
}

// ---- fairness ------------------------------------------------------------------------------

export interface ShiftsAndLoad {
	shifts: number;
	load: number;
}

export interface FairnessPerson {
	userId: number;
	name: string;
	department: string;
	precedence: number;
	/** False for someone holding a slot of this period in the role without being in its pool. */
	inPool: boolean;
	exempt: boolean;
	period: ShiftsAndLoad;
	year: ShiftsAndLoad;
	allTime: ShiftsAndLoad;
	/** All-time shifts per holiday name (a period without one counts as 其他). */
	byHoliday: Record<string, number>;
}

export interface FairnessPool {
	role: DutyRole;
	people: FairnessPerson[];
	/** Over the people not exempt from this period; all zero for an empty pool. */
	period: LoadSummary;
	allTime: LoadSummary;
}

export interface FairnessReport {
	period: DutyPeriod;
	/** The period's duty year (see dutyYear): "this year" means the periods of that year. */
	year: number;
	/** Holiday names in the order they first appear in the ledger, 其他 last. */
	holidays: string[];
	pools: FairnessPool[];
	hasAssignments: boolean;
}

const ROLES: readonly DutyRole[] = DUTY_ROLES;
const NONE: LoadTotals = {
	userId: 0,
	periodShifts: 0,
	periodLoad: 0,
	yearShifts: 0,
	yearLoad: 0,
	allShifts: 0,
	allLoad: 0
};

/**
 * Per pool and person: shifts and weighted load this period, this year and all time, and
 * holiday shifts by holiday. Published periods count, and this period even while a draft.
 * Only the office sees it: it compares colleagues.
 */
export async function fairnessReport(
	db: DB,
	actor: Actor,
	periodId: number
): Promise<FairnessReport> {
	const period = await loadManagedPeriod(db, actor, periodId);
	const year = dutyYear(period);
	const [people, totals, holidayRows, hasAssignments] = await Promise.all([
		listFairnessPeople(db, periodId),
		sumLoads(db, periodId, year),
		countHolidayShifts(db, periodId),
		hasFilledSlots(db, periodId)
	]);
	const other = m.duty_fair_holiday_other();
	const holidayName = (h: string) => h || other;
	const firstSeen = new Map<string, string>();
	const byHoliday = new Map<number, Record<string, number>>();
	for (const r of holidayRows) {
		const name = holidayName(r.holiday);
		// 其他 sorts after every date.
		const first = r.holiday ? r.firstDate : '~';
		const seen = firstSeen.get(name);
		if (!seen || first < seen) firstSeen.set(name, first);
		const mine = byHoliday.get(r.userId) ?? {};
		mine[name] = (mine[name] ?? 0) + r.shifts;
		byHoliday.set(r.userId, mine);
	}
	const holidays = [...firstSeen.entries()]
		.sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] < b[1] ? -1 : 1))
		.map(([name]) => name);
	const totalsOf = new Map(totals.map((t) => [t.userId, t]));

	const pools = ROLES.map((role): FairnessPool => {
		const list = people
			.filter((p) => p.role === role)
			.map((p): FairnessPerson => {
				const t = totalsOf.get(p.userId) ?? NONE;
				return {
					userId: p.userId,
					name: p.name,
					department: p.department,
					precedence: p.precedence,
					inPool: p.inPool,
					exempt: p.exempt,
					period: { shifts: t.periodShifts, load: roundLoad(t.periodLoad) },
					year: { shifts: t.yearShifts, load: roundLoad(t.yearLoad) },
					allTime: { shifts: t.allShifts, load: roundLoad(t.allLoad) },
					byHoliday: byHoliday.get(p.userId) ?? {}
				};
			})
			.sort(
				(a, b) =>
					b.allTime.load - a.allTime.load || a.precedence - b.precedence || a.userId - b.userId
			);
		const counted = list.filter((p) => !p.exempt);
		return {
			role,
			people: list,
			period: summarise(counted.map((p) => p.period.load)),
			allTime: summarise(counted.map((p) => p.allTime.load))
		};
	});
	return { period, year, holidays, pools, hasAssignments };
}
