import * as m from '$lib/paraglide/messages';
import { instantToZonedDate, nextDate, wallClock, zonedToInstant } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { nowIso } from '../clock';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { getDepartments } from '../org/departments.service';
import { canSeeAllSupervision, requirePermission } from '../permissions';
import { getSettings } from '../settings/settings.service';
import {
	countItemsByDepartment,
	countMissedCycles,
	type BulletinWindow,
	type DepartmentCounts,
	type DueCycle
} from './bulletin.repository';
import { getSupervisionSettings, type ScoreWeights } from './terms.service';

// 督办通报 (issue 10, views): for a period, per lead department — 立项, 办结, 按期办结, 逾期办结,
// 在办 and 逾期未办 at the period's end, 按期办结率, late 签收, missed feedback cycles, and the
// 考评 score from the weights in the settings, ranked.

export const BULLETIN_PRESETS = ['month', 'quarter', 'year'] as const;
export type BulletinPreset = (typeof BULLETIN_PRESETS)[number];

/** The longest period a bulletin covers (five years). */
export const BULLETIN_MAX_DAYS = 5 * 366;

export interface BulletinPeriod {
	fromDate: string;
	toDate: string;
	/** The preset the period came from, or null for dates typed in. */
	preset: BulletinPreset | null;
}

export interface BulletinParams {
	from?: string | null;
	to?: string | null;
	preset?: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): string {
	const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${year}-${pad(month)}-${pad(d)}`;
}

/** The preset's period around `today` (this month, quarter or year). */
export function presetPeriod(preset: BulletinPreset, today: string): BulletinPeriod {
	const year = Number(today.slice(0, 4));
	const month = Number(today.slice(5, 7));
	if (preset === 'year') return { fromDate: `${year}-01-01`, toDate: `${year}-12-31`, preset };
	if (preset === 'quarter') {
		const first = Math.floor((month - 1) / 3) * 3 + 1;
		return {
			fromDate: `${year}-${pad(first)}-01`,
			toDate: lastDayOfMonth(year, first + 2),
			preset
		};
	}
	return { fromDate: `${year}-${pad(month)}-01`, toDate: lastDayOfMonth(year, month), preset };
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * The period a request asks for: dates typed in (a missing end is filled from the preset), or a
 * preset (this month when nothing is given). The first day after the last, or more than five
 * years, is refused.
 */
export function resolveBulletinPeriod(p: BulletinParams, today: string): BulletinPeriod {
	const preset = (BULLETIN_PRESETS as readonly string[]).includes(p.preset ?? '')
		? (p.preset as BulletinPreset)
		: 'month';
	const base = presetPeriod(preset, today);
	if (!p.from && !p.to) return base;
	const period = { fromDate: p.from || base.fromDate, toDate: p.to || base.toDate, preset: null };
	if (period.fromDate > period.toDate)
		throw new ValidationError({ to: m.sup_bulletin_err_order() }, m.sup_bulletin_err_order());
	if (dayNumber(period.toDate) - dayNumber(period.fromDate) >= BULLETIN_MAX_DAYS)
		throw new ValidationError({ from: m.sup_bulletin_err_span() }, m.sup_bulletin_err_span());
	return period;
}

/** One department's line of the bulletin. */
export interface BulletinRow extends DepartmentCounts {
	name: string;
	/** 按期办结率 in percent (one decimal), or null when nothing was closed. */
	onTimeRate: number | null;
	/** The 考评 score: Σ weight × count. */
	score: number;
	/** 1 for the best score; equal scores share a rank. */
	rank: number;
}

export interface SupervisionBulletin {
	period: BulletinPeriod;
	/** The day "at the period's end" is read (the last day, or today for a running period). */
	asOf: string;
	/** Today in the office's zone (the print's 成文日期). */
	today: string;
	rows: BulletinRow[];
	total: DepartmentCounts & { onTimeRate: number | null; score: number };
	weights: ScoreWeights;
}

/** 按期/办结 in percent with one decimal; null for none closed. */
export function onTimeRate(onTime: number, closed: number): number | null {
	return closed === 0 ? null : Math.round((onTime / closed) * 1000) / 10;
}

/** The 考评 score of a department's counts (two decimals at most). */
export function scoreOf(c: DepartmentCounts, w: ScoreWeights): number {
	const s =
		w.onTime * c.closedOnTime +
		w.late * c.closedLate +
		w.overdueOpen * c.overdueOpen +
		w.lateSign * c.lateSigns +
		w.missedCycle * c.missedCycles;
	return Math.round(s * 100) / 100;
}

/** Monthly feedback cycles due in [fromDate, toDate] and already past on `today`. */
export function dueCycles(
	fromDate: string,
	toDate: string,
	today: string,
	timeZone: string
): DueCycle[] {
	const out: DueCycle[] = [];
	const endOf = (date: string) => zonedToInstant(nextDate(date), '00:00', timeZone);
	let y = Number(fromDate.slice(0, 4));
	let mo = Number(fromDate.slice(5, 7));
	const lastKey = toDate.slice(0, 7);
	for (;;) {
		const cycle = `${y}-${pad(mo)}`;
		if (cycle > lastKey) break;
		const [py, pm] = mo === 1 ? [y - 1, 12] : [y, mo - 1];
		for (let d = 1; d <= 28; d++) {
			const due = `${cycle}-${pad(d)}`;
			if (due < fromDate || due > toDate || due >= today) continue;
			out.push({
				cycle,
				day: d,
				windowStart: endOf(`${py}-${pad(pm)}-${pad(d)}`),
				dueEnd: endOf(due)
			});
		}
		[y, mo] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
	}
	return out;
}

function zoneOffsetMinutes(iso: string, timeZone: string): number {
	const ms = Date.parse(iso);
	const wall = wallClock(ms, timeZone);
	return wall ? Math.round((wall.getTime() - ms) / 60_000) : 0;
}

const EMPTY: Omit<DepartmentCounts, 'departmentId'> = {
	registered: 0,
	closed: 0,
	closedOnTime: 0,
	closedLate: 0,
	open: 0,
	overdueOpen: 0,
	lateSigns: 0,
	missedCycles: 0
};

const COUNT_KEYS = Object.keys(EMPTY) as (keyof typeof EMPTY)[];

/** The 督办通报 for a period: supervisors, leaders and the office. */
export async function getSupervisionBulletin(
	db: DB,
	actor: Actor,
	params: BulletinParams
): Promise<SupervisionBulletin> {
	requirePermission(actor, canSeeAllSupervision);
	const { timeZone } = await getSettings(db);
	const now = nowIso();
	const today = instantToZonedDate(now, timeZone);
	const period = resolveBulletinPeriod(params, today);
	const toEnd = zonedToInstant(nextDate(period.toDate), '00:00', timeZone);
	const running = now < toEnd;
	const w: BulletinWindow = {
		fromDate: period.fromDate,
		toDate: period.toDate,
		fromInstant: zonedToInstant(period.fromDate, '00:00', timeZone),
		endInstant: running ? now : toEnd,
		endDate: running ? today : period.toDate,
		offsetMinutes: zoneOffsetMinutes(running ? now : toEnd, timeZone),
		timeZone
	};
	const [items, missed, departments, settings] = await Promise.all([
		countItemsByDepartment(db, w),
		countMissedCycles(db, dueCycles(period.fromDate, period.toDate, today, timeZone)),
		getDepartments(db),
		getSupervisionSettings(db)
	]);
	const byDept = new Map<number, DepartmentCounts>();
	for (const c of items) byDept.set(c.departmentId, { ...c, missedCycles: 0 });
	for (const c of missed) {
		const row = byDept.get(c.departmentId) ?? { ...EMPTY, departmentId: c.departmentId };
		byDept.set(c.departmentId, { ...row, missedCycles: c.missedCycles });
	}
	const dept = new Map(departments.map((d) => [d.id, d]));
	const weights = settings.weights;
	const unranked = [...byDept.values()].map((c) => ({
		...c,
		name: dept.get(c.departmentId)?.name ?? '—',
		onTimeRate: onTimeRate(c.closedOnTime, c.closed),
		score: scoreOf(c, weights),
		rank: 0
	}));
	const order = (d: number) => dept.get(d)?.sortOrder ?? Number.MAX_SAFE_INTEGER;
	unranked.sort(
		(a, b) =>
			b.score - a.score ||
			order(a.departmentId) - order(b.departmentId) ||
			a.name.localeCompare(b.name)
	);
	const rows = unranked.map((r) => ({
		...r,
		rank: 1 + unranked.filter((o) => o.score > r.score).length
	}));
	const total = { ...EMPTY, departmentId: 0 };
	for (const r of rows) for (const k of COUNT_KEYS) total[k] += r[k];
	return {
		period,
		asOf: w.endDate,
		today,
		rows,
		total: {
			...total,
			onTimeRate: onTimeRate(total.closedOnTime, total.closed),
			score: scoreOf(total, weights)
		},
		weights
	};
}
