import type { Role } from '$lib/domain/roles';
import type { StudyMetric, StudyPeriod } from '../db/schema-study';

// Pure rules of study records (no database): which targets apply to a person, what a period
// asks of them and whether they are behind.

export const STUDY_PERIODS = ['month', 'year'] as const satisfies readonly StudyPeriod[];
export const STUDY_METRICS = ['sessions', 'hours'] as const satisfies readonly StudyMetric[];
/** Hours of self-study one person can log on one day. */
export const MAX_HOURS_PER_DAY = 12;

export interface StudyTarget {
	id: number;
	/** A role, or 'all'. */
	role: Role | 'all';
	period: StudyPeriod;
	metric: StudyMetric;
	amount: number;
}

/**
 * The target of one metric and period for someone holding `roles`: a target set for one of
 * their roles wins over the one for everyone (the highest if several roles have one); null
 * when none is set.
 */
export function targetFor(
	targets: readonly StudyTarget[],
	roles: readonly string[],
	period: StudyPeriod,
	metric: StudyMetric
): number | null {
	const same = targets.filter((t) => t.period === period && t.metric === metric);
	const byRole = same.filter((t) => t.role !== 'all' && roles.includes(t.role));
	if (byRole.length) return Math.max(...byRole.map((t) => t.amount));
	return same.find((t) => t.role === 'all')?.amount ?? null;
}

/** The view a statistic is for: a whole year, or one month of it. */
export interface StudyWindow {
	year: number;
	/** 1–12, or null for the whole year. */
	month: number | null;
}

/**
 * How many months of the year a monthly target is asked for: all twelve for a past year, the
 * months up to this one (inclusive) for the current year, none for a future year.
 */
export function monthsCounted(year: number, today: string): number {
	const y = Number(today.slice(0, 4));
	if (year < y) return 12;
	if (year > y) return 0;
	return Number(today.slice(5, 7));
}

/**
 * What the window asks of someone: a month asks the month's target; a year asks the year's
 * target, or else the monthly target once for each month counted so far.
 */
export function windowTarget(
	targets: readonly StudyTarget[],
	roles: readonly string[],
	metric: StudyMetric,
	w: StudyWindow,
	today: string
): number | null {
	if (w.month !== null) return targetFor(targets, roles, 'month', metric);
	const yearly = targetFor(targets, roles, 'year', metric);
	if (yearly !== null) return yearly;
	const monthly = targetFor(targets, roles, 'month', metric);
	return monthly === null ? null : monthly * monthsCounted(w.year, today);
}

/** One metric's progress: done, asked (null: no target), met (null: nothing asked). */
export interface MetricProgress {
	done: number;
	target: number | null;
	met: boolean | null;
}

export function progressOf(done: number, target: number | null): MetricProgress {
	return { done, target, met: target === null || target <= 0 ? null : done >= target };
}

/** 达标 when every asked metric is met; null when nothing is asked at all. */
export function overallMet(...metrics: MetricProgress[]): boolean | null {
	const asked = metrics.filter((p) => p.met !== null);
	return asked.length ? asked.every((p) => p.met) : null;
}

/** How far along the furthest-behind asked metric is (0–1); 1 when nothing is asked. */
export function completion(...metrics: MetricProgress[]): number {
	const ratios = metrics
		.filter((p) => p.target !== null && p.target > 0)
		.map((p) => Math.min(1, p.done / (p.target as number)));
	return ratios.length ? Math.min(...ratios) : 1;
}

/** The first and last day of the window, as calendar dates. */
export function windowDates(w: StudyWindow): { fromDate: string; toDate: string } {
	const pad = (n: number) => String(n).padStart(2, '0');
	if (w.month === null) return { fromDate: `${w.year}-01-01`, toDate: `${w.year}-12-31` };
	const last = new Date(Date.UTC(w.year, w.month, 0)).getUTCDate();
	return {
		fromDate: `${w.year}-${pad(w.month)}-01`,
		toDate: `${w.year}-${pad(w.month)}-${pad(last)}`
	};
}

/** Half hours (as stored) to hours. */
export const hoursOf = (halfHours: number) => halfHours / 2;
