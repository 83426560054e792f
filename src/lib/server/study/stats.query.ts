import * as m from '$lib/paraglide/messages';
import { instantToZonedDate, nextDate, zonedToInstant } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { groupStudyAttendance } from '../checkin/checkin.service';
import { nowIso } from '../clock';
import type { DB } from '../db';
import { ForbiddenError, ValidationError } from '../errors';
import { getDepartments } from '../org/departments.service';
import { listAllPeople } from '../org/users.service';
import {
	canKeepStudyRecords,
	canManageStudy,
	canOpenStudyStats,
	canSeeAllStudy,
	canSeeDepartmentStudy
} from '../permissions';
import { getSettings } from '../settings/settings.service';
import { studyViewer } from './access';
import { hoursByUser } from './entries.repository';
import {
	completion,
	overallMet,
	progressOf,
	windowDates,
	windowTarget,
	type MetricProgress,
	type StudyTarget,
	type StudyWindow
} from './study-rules';
import { listTargets } from './targets.repository';

// 学习统计: per person — 集中学习 sessions attended and 自学 hours against the targets, 达标 or
// 未达标, those behind first — and per department, for a year or one month of it. The office and
// 局领导 see every department, a department head their own.

/** Someone whose progress is measured. */
export interface StudyPerson {
	id: number;
	name: string;
	roles: readonly string[];
	departmentId: number | null;
	departmentName: string | null;
	precedence: number;
}

export interface PersonProgress {
	userId: number;
	name: string;
	departmentId: number | null;
	departmentName: string;
	sessions: MetricProgress;
	hours: MetricProgress;
	/** 达标 (true), 未达标 (false), or no target set (null). */
	met: boolean | null;
	/** How far along the furthest-behind metric is, 0–1. */
	completion: number;
}

/** The window's instants [from, to) in the office's zone, the end no later than now. */
function windowInstants(w: StudyWindow, timeZone: string) {
	const { fromDate, toDate } = windowDates(w);
	const from = zonedToInstant(fromDate, '00:00', timeZone);
	const end = zonedToInstant(nextDate(toDate), '00:00', timeZone);
	const now = nowIso();
	return { fromDate, toDate, from, to: now < end ? now : end };
}

/** The progress of these people in the window (sessions from check-ins, hours from entries). */
export async function progressOfPeople(
	db: DB,
	people: readonly StudyPerson[],
	w: StudyWindow,
	o: { timeZone: string; today: string; targets: readonly StudyTarget[]; onePerson?: boolean }
): Promise<PersonProgress[]> {
	const span = windowInstants(w, o.timeZone);
	const only = o.onePerson && people.length === 1 ? people[0].id : undefined;
	const [hours, attended] = await Promise.all([
		hoursByUser(db, span.fromDate, span.toDate, only === undefined ? undefined : [only]),
		span.from < span.to ? groupStudyAttendance(db, span.from, span.to, only) : []
	]);
	const sessions = new Map<number, number>();
	for (const a of attended) sessions.set(a.userId, (sessions.get(a.userId) ?? 0) + 1);
	return people.map((p) => {
		const s = progressOf(
			sessions.get(p.id) ?? 0,
			windowTarget(o.targets, p.roles, 'sessions', w, o.today)
		);
		const h = progressOf(
			hours.get(p.id) ?? 0,
			windowTarget(o.targets, p.roles, 'hours', w, o.today)
		);
		return {
			userId: p.id,
			name: p.name,
			departmentId: p.departmentId,
			departmentName: p.departmentName ?? m.study_no_department(),
			sessions: s,
			hours: h,
			met: overallMet(s, h),
			completion: completion(s, h)
		};
	});
}

export interface DepartmentSummary {
	departmentId: number | null;
	name: string;
	people: number;
	met: number;
	behind: number;
	sessions: number;
	hours: number;
	/** Hours per person, one decimal. */
	averageHours: number;
}

export interface StudyStats {
	window: StudyWindow;
	fromDate: string;
	toDate: string;
	today: string;
	departmentId: number | null;
	/** The departments the viewer may pick (all for the office and leaders, else their own). */
	departments: { id: number; name: string }[];
	canSeeAll: boolean;
	canManage: boolean;
	rows: PersonProgress[];
	summary: DepartmentSummary[];
	total: Omit<DepartmentSummary, 'departmentId' | 'name'>;
}

export interface StudyStatsParams {
	year?: number | null;
	month?: number | null;
	department?: number | null;
}

/** The window asked for: this year when none, a month 1–12 when given. */
export function resolveWindow(p: StudyStatsParams, today: string): StudyWindow {
	const year = p.year ?? Number(today.slice(0, 4));
	if (!Number.isInteger(year) || year < 2000 || year > 2999)
		throw new ValidationError({ year: m.study_err_year_pick() });
	const month = p.month ?? null;
	if (month !== null && (!Number.isInteger(month) || month < 1 || month > 12))
		throw new ValidationError({ month: m.study_err_month_pick() });
	return { year, month };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The statistics for a year or month: the office and leaders all, a department head their own. */
export async function getStudyStats(
	db: DB,
	actor: Actor,
	params: StudyStatsParams
): Promise<StudyStats> {
	const viewer = await studyViewer(db, actor);
	if (!canOpenStudyStats(viewer)) throw new ForbiddenError();
	const canSeeAll = canSeeAllStudy(viewer);
	const departmentId = canSeeAll ? (params.department ?? null) : viewer.departmentId;
	if (params.department != null && !canSeeDepartmentStudy(viewer, params.department))
		throw new ForbiddenError();
	const { timeZone } = await getSettings(db);
	const today = instantToZonedDate(nowIso(), timeZone);
	const w = resolveWindow(params, today);
	const [everyone, departments, targets] = await Promise.all([
		listAllPeople(db),
		getDepartments(db),
		listTargets(db)
	]);
	const people = everyone.filter(
		(p) =>
			p.isActive &&
			canKeepStudyRecords(p) &&
			(departmentId === null || p.departmentId === departmentId)
	);
	const progress = await progressOfPeople(db, people, w, { timeZone, today, targets });
	const order = new Map(departments.map((d, i) => [d.id, i]));
	const deptRank = (id: number | null) => (id === null ? Infinity : (order.get(id) ?? Infinity));
	const precedence = new Map(people.map((p) => [p.id, p.precedence]));
	const metRank = (r: PersonProgress) => (r.met === false ? 0 : r.met === null ? 2 : 1);
	const rows = [...progress].sort(
		(a, b) =>
			metRank(a) - metRank(b) ||
			a.completion - b.completion ||
			deptRank(a.departmentId) - deptRank(b.departmentId) ||
			(precedence.get(a.userId) ?? 0) - (precedence.get(b.userId) ?? 0) ||
			a.userId - b.userId
	);
	const groups = new Map<number | null, PersonProgress[]>();
	for (const r of progress) groups.set(r.departmentId, [...(groups.get(r.departmentId) ?? []), r]);
	const summarise = (rs: PersonProgress[]) => {
		const hours = rs.reduce((n, r) => n + r.hours.done, 0);
		return {
			people: rs.length,
			met: rs.filter((r) => r.met === true).length,
			behind: rs.filter((r) => r.met === false).length,
			sessions: rs.reduce((n, r) => n + r.sessions.done, 0),
			hours: round1(hours),
			averageHours: rs.length ? round1(hours / rs.length) : 0
		};
	};
	const summary = [...groups.entries()]
		.sort(([a], [b]) => deptRank(a) - deptRank(b))
		.map(([id, rs]) => ({ departmentId: id, name: rs[0].departmentName, ...summarise(rs) }));
	const { fromDate, toDate } = windowDates(w);
	return {
		window: w,
		fromDate,
		toDate,
		today,
		departmentId,
		departments: departments
			.filter((d) => canSeeAll || d.id === viewer.departmentId)
			.map((d) => ({ id: d.id, name: d.name })),
		canSeeAll,
		canManage: canManageStudy(viewer),
		rows,
		summary,
		total: summarise(progress)
	};
}
