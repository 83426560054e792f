import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import type { DB } from '../db';
import type { DutyRole } from '../db/schema-duty';
import { loadManagedPeriod } from './access';
import type { DutyPeriod } from './duty.repository';
import {
	countHolidayShifts,
	hasFilledSlots,
	listFairnessPeople,
	sumLoads,
	type LoadTotals
} from './fairness.repository';

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

export interface LoadSummary {
	min: number;
	max: number;
	spread: number;
	mean: number;
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

const ROLES: readonly DutyRole[] = ['leader', 'officer'];
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
 * The year a period counts in: a holiday break belongs to the year it ends in (2023年元旦 runs
 * 2022-12-31 – 2023-01-02), any other period to the year it starts in. sumLoads applies the same
 * rule in SQL.
 */
export function dutyYear(p: Pick<DutyPeriod, 'holidayName' | 'startDate' | 'endDate'>): number {
	return Number((p.holidayName ? p.endDate : p.startDate).slice(0, 4));
}

/** Weights are decimals (1.5); sums are shown to two places, so compare and report them so. */
const round = (n: number): number => Math.round(n * 100) / 100;

export function summarise(loads: number[]): LoadSummary {
	if (!loads.length) return { min: 0, max: 0, spread: 0, mean: 0 };
	const min = Math.min(...loads);
	const max = Math.max(...loads);
	const mean = loads.reduce((a, b) => a + b, 0) / loads.length;
	return { min: round(min), max: round(max), spread: round(max - min), mean: round(mean) };
}

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
					period: { shifts: t.periodShifts, load: round(t.periodLoad) },
					year: { shifts: t.yearShifts, load: round(t.yearLoad) },
					allTime: { shifts: t.allShifts, load: round(t.allLoad) },
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
