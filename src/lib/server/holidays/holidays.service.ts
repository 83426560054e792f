import { isCalendarDate, type HolidayCalendar } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import { audit } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { NotFoundError } from '../errors';
import { parseInput } from '../validation';
import {
	deleteHolidayRow,
	findHolidayByDate,
	listHolidaysBetween,
	listYearsWithHolidays,
	upsertHoliday,
	type HolidayEntry
} from './holidays.repository';
import { inTransaction } from '../db/transaction';
import { holidaySchema, type HolidayInput } from './holidays.schema';

export type { HolidayEntry } from './holidays.repository';

export { DAY_KINDS, type HolidayInput } from './holidays.schema';

/** Years the calendar page can show; outside them a year is treated as not found. */
export function isHolidayYear(year: number): boolean {
	return Number.isInteger(year) && year >= 1990 && year <= 2100;
}

/** Any signed-in person may read the calendar; holding an Actor is the proof. */
export async function getHolidayYear(db: DB, actor: Actor, year: number): Promise<HolidayEntry[]> {
	if (!isHolidayYear(year)) throw new NotFoundError();
	return listHolidaysBetween(db, `${year}-01-01`, `${year}-12-31`);
}

/** The calendar other modules hand to the working-day rules (leave, duty, supervision). */
export async function loadHolidayCalendar(
	db: DB,
	start: string,
	end: string
): Promise<HolidayCalendar> {
	const rows = await listHolidaysBetween(db, start, end);
	return new Map(rows.map((r) => [r.date, r.kind]));
}

export function listHolidayYears(db: DB): Promise<number[]> {
	return listYearsWithHolidays(db);
}

/** Adds a day or replaces the entry for that date. */
export async function saveHoliday(
	db: DB,
	actor: Actor,
	input: HolidayInput
): Promise<{ entry: HolidayEntry; created: boolean }> {
	requirePermission(actor, canAdminister);
	const entry: HolidayEntry = parseInput(holidaySchema, input);
	return inTransaction(db, async (trx) => {
		// Saves of one date take turns (the row may not exist yet, so a named lock).
		await lockName(trx, `holiday:${entry.date}`);
		const before = await findHolidayByDate(trx, entry.date);
		// Saved again as it is (a second click): nothing to write or audit.
		if (before && before.kind === entry.kind && before.name === entry.name)
			return { entry, created: false };
		await upsertHoliday(trx, entry);
		await audit(trx, actor, 'holiday.save', 'holiday', entry.date, {
			before: before ?? null,
			after: entry
		});
		return { entry, created: !before };
	});
}

export async function deleteHoliday(db: DB, actor: Actor, date: string): Promise<void> {
	requirePermission(actor, canAdminister);
	// A malformed key cannot exist, and PostgreSQL would reject it as a date.
	if (!isCalendarDate(date)) throw new NotFoundError();
	await inTransaction(db, async (trx) => {
		const before = await findHolidayByDate(trx, date);
		if (!before || !(await deleteHolidayRow(trx, date))) throw new NotFoundError();
		await audit(trx, actor, 'holiday.delete', 'holiday', date, { before });
	});
}

/** The holidays and make-up workdays from `start` to `end` (inclusive), for other modules. */
export function holidaysBetween(db: DB, start: string, end: string): Promise<HolidayEntry[]> {
	return listHolidaysBetween(db, start, end);
}
