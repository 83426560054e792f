import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../db';
import { dialectOfDb } from '../db/connect';

// The 督办通报's counts per lead department, aggregated in SQL (GROUP BY): one pass over the
// items for 立项 / 办结 / 在办 / 逾期 / late 签收, one join with the feedback cycles that fell due.

/** The period as the queries read it: dates in the office's zone and their instants. */
export interface BulletinWindow {
	/** First and last day of the period (YYYY-MM-DD). */
	fromDate: string;
	toDate: string;
	/** The period's first instant (00:00 of fromDate in the office's zone). */
	fromInstant: string;
	/** Where "at the period's end" is read: the end of toDate, or now if that is earlier. */
	endInstant: string;
	/** The calendar date of endInstant's day (toDate, or today for a period not over yet). */
	endDate: string;
	/** The office zone's offset from UTC in minutes (SQLite reads 签收 dates with it). */
	offsetMinutes: number;
	timeZone: string;
}

/** Counts of one lead department (all zero are left out). */
export interface DepartmentCounts {
	departmentId: number;
	registered: number;
	closed: number;
	closedOnTime: number;
	closedLate: number;
	open: number;
	overdueOpen: number;
	lateSigns: number;
	missedCycles: number;
}

const n = (v: unknown) => Number(v ?? 0);

/** An instant parameter compared with a timestamptz column (text as SQLite stores them). */
function at(db: DB, iso: string): RawBuilder<unknown> {
	return dialectOfDb(db) === 'postgres' ? sql`cast(${iso} as timestamptz)` : sql`${iso}`;
}

/** A date parameter compared with a date column. */
function day(db: DB, date: string): RawBuilder<unknown> {
	return dialectOfDb(db) === 'postgres' ? sql`cast(${date} as date)` : sql`${date}`;
}

/** Signed after the day sign_due in the office's zone. */
function signedLate(db: DB, w: BulletinWindow): RawBuilder<unknown> {
	return dialectOfDb(db) === 'postgres'
		? sql`i.signed_at >= ((i.sign_due + 1)::timestamp at time zone ${w.timeZone})`
		: sql`strftime('%Y-%m-%d', i.signed_at, ${`${w.offsetMinutes >= 0 ? '+' : ''}${w.offsetMinutes} minutes`}) > i.sign_due`;
}

/** 立项, 办结 (按期 / 逾期), 在办 and 逾期未办 at the period's end, late 签收 — per lead department. */
export async function countItemsByDepartment(
	db: DB,
	w: BulletinWindow
): Promise<Omit<DepartmentCounts, 'missedCycles'>[]> {
	const from = at(db, w.fromInstant);
	const end = at(db, w.endInstant);
	const fromD = day(db, w.fromDate);
	const toD = day(db, w.toDate);
	const endD = day(db, w.endDate);
	// Open at the end: registered by then, neither closed nor stopped by then.
	const openAtEnd = sql`(i.created_at < ${end} and (i.closed_on is null or i.closed_on > ${endD})
		and (i.stopped_at is null or i.stopped_at >= ${end}))`;
	const closedIn = sql`(i.closed_on >= ${fromD} and i.closed_on <= ${toD})`;
	const result = await sql<Record<string, unknown>>`
		select i.lead_department_id as department_id,
			sum(case when i.created_at >= ${from} and i.created_at < ${end} then 1 else 0 end) as registered,
			sum(case when ${closedIn} then 1 else 0 end) as closed,
			sum(case when ${closedIn} and i.closed_on <= i.deadline then 1 else 0 end) as closed_on_time,
			sum(case when ${closedIn} and i.closed_on > i.deadline then 1 else 0 end) as closed_late,
			sum(case when ${openAtEnd} then 1 else 0 end) as open_count,
			sum(case when ${openAtEnd} and i.deadline < ${endD} then 1 else 0 end) as overdue_open,
			sum(case when i.signed_at >= ${from} and i.signed_at < ${end} and i.sign_due is not null
				and ${signedLate(db, w)} then 1 else 0 end) as late_signs
		from supervision_items i
		where i.created_at < ${end}
			and (i.closed_on is null or i.closed_on >= ${fromD})
			and (i.stopped_at is null or i.stopped_at >= ${from})
		group by i.lead_department_id`.execute(db);
	return result.rows
		.map((r) => ({
			departmentId: n(r.department_id),
			registered: n(r.registered),
			closed: n(r.closed),
			closedOnTime: n(r.closed_on_time),
			closedLate: n(r.closed_late),
			open: n(r.open_count),
			overdueOpen: n(r.overdue_open),
			lateSigns: n(r.late_signs)
		}))
		.filter((c) => c.registered + c.closed + c.open + c.lateSigns > 0);
}

/**
 * One feedback cycle that fell due in the period: items with `feedback_day = day` owed the
 * lead department's feedback for `cycle` (YYYY-MM) by `dueEnd` (the end of that day in the
 * office's zone); feedback given since `windowStart` (the previous cycle's due end) counts for
 * it too, whether or not it named the cycle.
 */
export interface DueCycle {
	cycle: string;
	day: number;
	windowStart: string;
	dueEnd: string;
}

/**
 * Missed feedback cycles per lead department: for each cycle due, items signed before it fell
 * due and neither closed nor stopped by then, with no feedback of the lead department for it.
 */
export async function countMissedCycles(
	db: DB,
	cycles: DueCycle[]
): Promise<{ departmentId: number; missedCycles: number }[]> {
	if (cycles.length === 0) return [];
	const pg = dialectOfDb(db) === 'postgres';
	const rows = sql.join(
		cycles.map((c) =>
			pg
				? sql`(${c.cycle}::text, ${c.day}::int, ${c.windowStart}::timestamptz, ${c.dueEnd}::timestamptz)`
				: sql`(${c.cycle}, ${c.day}, ${c.windowStart}, ${c.dueEnd})`
		)
	);
	// Only items that can owe any of these cycles: signed before the last fell due, not closed
	// or stopped before the first.
	const first = cycles.reduce((a, c) => (c.dueEnd < a ? c.dueEnd : a), cycles[0].dueEnd);
	const last = cycles.reduce((a, c) => (c.dueEnd > a ? c.dueEnd : a), cycles[0].dueEnd);
	// SQLite and PostgreSQL both name a VALUES list's columns column1, column2, …
	const result = await sql<Record<string, unknown>>`
		select i.lead_department_id as department_id, count(*) as missed
		from supervision_items i
		join (values ${rows}) v on v.column2 = i.feedback_day
		where i.feedback_day is not null
			and i.signed_at < ${at(db, last)}
			and (i.closed_at is null or i.closed_at >= ${at(db, first)})
			and (i.stopped_at is null or i.stopped_at >= ${at(db, first)})
			and i.signed_at is not null and i.signed_at < v.column4
			and (i.closed_at is null or i.closed_at >= v.column4)
			and (i.stopped_at is null or i.stopped_at >= v.column4)
			and not exists (
				select 1 from supervision_feedback f
				where f.item_id = i.id and f.department_id = i.lead_department_id
					and f.at < v.column4
					and (f.cycle = v.column1 or f.at >= v.column3)
			)
		group by i.lead_department_id`.execute(db);
	return result.rows.map((r) => ({
		departmentId: n(r.department_id),
		missedCycles: n(r.missed)
	}));
}
