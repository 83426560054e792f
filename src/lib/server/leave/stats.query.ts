/**
 * 请休假统计 (issue 11): a year's leave per person — 年休假 应休 / 已休 / 剩余, the days taken per
 * type (approved and 销假-reported requests, less the days an early 销假 gave back) and the total —
 * with totals per department and per type. The days come from LEAVE's `balancesForYear` (one
 * grouped query); the office and leaders see every department, a department head their own.
 */
import * as m from '$lib/paraglide/messages';
import { LEAVE_TYPES, type LeaveType } from '$lib/domain/leave';
import type { Role } from '$lib/domain/roles';
import type { Actor } from '../actor';
import * as clock from '../clock';
import type { DB } from '../db';
import { ForbiddenError } from '../errors';
import { getDepartments } from '../org/departments.service';
import { canRequestLeave, canSeeAllLeave, canSeeDepartmentLeave } from '../permissions';
import { balancesForYear } from './balance.service';
import { findBoardPeople } from './board.repository';
import { leaveViewer, officeMoment } from './outings.service';

export type TypeDays = Record<LeaveType, number>;

export interface StatsPerson {
	userId: number;
	name: string;
	departmentId: number | null;
	departmentName: string | null;
	/** 年休假 应休 (days); null when the type has no quota. */
	annualQuota: number | null;
	/** 已休 (days, after 销假). */
	annualUsed: number;
	/** 剩余 = 应休 − 已休; null without a quota. */
	annualLeft: number | null;
	/** 年休假 by years of service, but no 参加工作时间 on file. */
	needsWorkStart: boolean;
	days: TypeDays;
	total: number;
}

export interface StatsGroup {
	departmentId: number | null;
	name: string;
	people: number;
	annualQuota: number;
	annualUsed: number;
	days: TypeDays;
	total: number;
}

export interface StatsTypeRow {
	type: LeaveType;
	/** People who took this type at all. */
	people: number;
	days: number;
}

export interface LeaveStats {
	year: number;
	/** The office's current year (the page's default). */
	thisYear: number;
	/** The department shown, or null for all. */
	departmentId: number | null;
	/** Whether the viewer may choose any department (else only their own). */
	canChooseDepartment: boolean;
	departments: { id: number; name: string }[];
	people: StatsPerson[];
	byDepartment: StatsGroup[];
	byType: StatsTypeRow[];
	total: StatsGroup;
}

const zeroDays = (): TypeDays => Object.fromEntries(LEAVE_TYPES.map((t) => [t, 0])) as TypeDays;

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** The statistics of `year` (this year by default) for one department or all. */
export async function leaveStats(
	db: DB,
	actor: Actor,
	o: { year?: number | null; departmentId?: number | null; at?: Date } = {}
): Promise<LeaveStats> {
	const viewer = await leaveViewer(db, actor);
	const all = canSeeAllLeave(viewer);
	let departmentId = o.departmentId ?? null;
	if (!all) {
		// A department head sees their own department only.
		departmentId ??= viewer.departmentId;
		if (departmentId === null || !canSeeDepartmentLeave(viewer, departmentId))
			throw new ForbiddenError();
	}
	const { today } = await officeMoment(db, (o.at ?? clock.now()).toISOString());
	const thisYear = Number(today.slice(0, 4));
	const year =
		o.year && Number.isInteger(o.year) && o.year >= MIN_YEAR && o.year <= MAX_YEAR
			? o.year
			: thisYear;
	const scoped = departmentId === null ? undefined : departmentId;
	const [balances, people, departments] = await Promise.all([
		balancesForYear(db, year, { departmentId: scoped }),
		findBoardPeople(db, scoped),
		getDepartments(db)
	]);
	const rolesOf = new Map(people.map((p) => [p.userId, p.roles as Role[]]));
	const orderOf = new Map(departments.map((d, i) => [d.id, i]));

	const rows: StatsPerson[] = [];
	for (const b of balances) {
		const roles = rolesOf.get(b.userId);
		const used = (h: { takenHalfDays: number; returnedHalfDays: number }) =>
			(h.takenHalfDays - h.returnedHalfDays) / 2;
		const days = zeroDays();
		for (const x of b.balances) days[x.type] = used(x);
		const total = LEAVE_TYPES.reduce((s, t) => s + days[t], 0);
		// Accounts that never ask for leave (administrator, auditor) unless they have leave.
		if (roles && !canRequestLeave({ roles }) && total === 0) continue;
		if (!roles && total === 0) continue;
		const annual = b.balances.find((x) => x.type === 'annual');
		const quota = annual?.quotaHalfDays ?? null;
		rows.push({
			userId: b.userId,
			name: b.name,
			departmentId: b.departmentId,
			departmentName: b.departmentName,
			annualQuota: quota === null ? null : quota / 2,
			annualUsed: days.annual,
			annualLeft: quota === null ? null : quota / 2 - days.annual,
			needsWorkStart: annual?.needsWorkStart ?? false,
			days,
			total
		});
	}
	const deptOrder = (id: number | null) =>
		id === null ? Number.MAX_SAFE_INTEGER : (orderOf.get(id) ?? Number.MAX_SAFE_INTEGER - 1);
	rows.sort((a, b) => deptOrder(a.departmentId) - deptOrder(b.departmentId));

	const groups = new Map<string, StatsGroup>();
	const emptyGroup = (departmentId: number | null, name: string): StatsGroup => ({
		departmentId,
		name,
		people: 0,
		annualQuota: 0,
		annualUsed: 0,
		days: zeroDays(),
		total: 0
	});
	const total = emptyGroup(null, '');
	const add = (g: StatsGroup, p: StatsPerson) => {
		g.people++;
		g.annualQuota += p.annualQuota ?? 0;
		g.annualUsed += p.annualUsed;
		for (const t of LEAVE_TYPES) g.days[t] += p.days[t];
		g.total += p.total;
	};
	for (const p of rows) {
		const key = String(p.departmentId);
		let g = groups.get(key);
		if (!g)
			groups.set(
				key,
				(g = emptyGroup(p.departmentId, p.departmentName ?? m.leaveboard_no_department()))
			);
		add(g, p);
		add(total, p);
	}
	const byType = LEAVE_TYPES.map((type) => ({
		type,
		people: rows.filter((p) => p.days[type] > 0).length,
		days: total.days[type]
	}));
	return {
		year,
		thisYear,
		departmentId,
		canChooseDepartment: all,
		departments: (all
			? departments.filter((d) => d.isActive)
			: departments.filter((d) => d.id === departmentId)
		).map((d) => ({ id: d.id, name: d.name })),
		people: rows,
		byDepartment: [...groups.values()],
		byType,
		total
	};
}

/** The name the leave benchmark (tests/bench/leave-generate.ts) times. */
export const leaveStatistics = leaveStats;
