import { sql } from 'kysely';
import type { DayKind } from '$lib/domain/working-days';
import type { DB } from '../db';
import { dialectOfDb } from '../db/connect';
import type { HolidaysTable } from '../db/schema';

export interface HolidayEntry {
	date: string;
	kind: DayKind;
	name: string;
}

export function toHolidayEntry(row: HolidaysTable): HolidayEntry {
	return { date: row.date, kind: row.kind, name: row.name };
}

/** Entries from start to end, both included, in date order. */
export async function listHolidaysBetween(
	db: DB,
	start: string,
	end: string
): Promise<HolidayEntry[]> {
	const rows = await db
		.selectFrom('holidays')
		.selectAll()
		.where('date', '>=', start)
		.where('date', '<=', end)
		.orderBy('date')
		.execute();
	return rows.map(toHolidayEntry);
}

export async function findHolidayByDate(db: DB, date: string): Promise<HolidayEntry | undefined> {
	const row = await db
		.selectFrom('holidays')
		.selectAll()
		.where('date', '=', date)
		.executeTakeFirst();
	return row && toHolidayEntry(row);
}

export async function upsertHoliday(db: DB, e: HolidayEntry): Promise<void> {
	await db
		.insertInto('holidays')
		.values(e)
		.onConflict((oc) => oc.column('date').doUpdateSet({ kind: e.kind, name: e.name }))
		.execute();
}

/** True when this call removed the entry (a simultaneous removal finds nothing). */
export async function deleteHolidayRow(db: DB, date: string): Promise<boolean> {
	const r = await db.deleteFrom('holidays').where('date', '=', date).executeTakeFirst();
	return Number(r.numDeletedRows) === 1;
}

/** Years that have at least one entry, oldest first. */
export async function listYearsWithHolidays(db: DB): Promise<number[]> {
	// `date` is a DATE on PostgreSQL and YYYY-MM-DD text on SQLite.
	const year =
		dialectOfDb(db) === 'postgres'
			? sql<number>`cast(extract(year from date) as integer)`
			: sql<number>`cast(substr(date, 1, 4) as integer)`;
	const rows = await db
		.selectFrom('holidays')
		.select(year.as('year'))
		.distinct()
		.orderBy('year')
		.execute();
	return rows.map((r) => Number(r.year));
}
