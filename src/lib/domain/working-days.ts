/**
 * Working days under the State Council holiday schedule. Dates are YYYY-MM-DD strings and all
 * arithmetic happens at UTC midnight, so the host's time zone and DST never shift a day.
 */
export type DayKind = 'holiday' | 'workday';

/** 'holiday' = 放假, 'workday' = 调休上班 (a weekend day worked in exchange for a holiday). */
export type HolidayCalendar = ReadonlyMap<string, DayKind>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtcMs(date: string): number {
	const m = DATE.exec(date);
	if (m) {
		const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
		// Date.UTC rolls 02-30 over into March; a real date survives the round trip.
		if (Number.isFinite(ms) && fromUtcMs(ms) === date) return ms;
	}
	throw new RangeError(`not a calendar date: ${date}`);
}

function fromUtcMs(ms: number): string {
	return new Date(ms).toISOString().slice(0, 10);
}

export function isCalendarDate(date: string): boolean {
	try {
		toUtcMs(date);
		return true;
	} catch {
		return false;
	}
}

export function addDays(date: string, n: number): string {
	return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
	return new Date(toUtcMs(date)).getUTCDay() || 7;
}

export function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Every date from start to end, both included; empty when end is before start. */
export function eachDate(start: string, end: string): string[] {
	const out: string[] = [];
	const last = toUtcMs(end);
	for (let ms = toUtcMs(start); ms <= last; ms += DAY_MS) out.push(fromUtcMs(ms));
	return out;
}

export function isWeekend(date: string): boolean {
	return isoWeekday(date) >= 6;
}

export function isWorkingDay(date: string, cal: HolidayCalendar): boolean {
	const kind = cal.get(date);
	if (kind === 'holiday') return false;
	if (kind === 'workday') return true;
	return !isWeekend(date);
}

/** Working days from start to end, both included; 0 when end is before start. */
export function countWorkingDays(start: string, end: string, cal: HolidayCalendar): number {
	return eachDate(start, end).filter((d) => isWorkingDay(d, cal)).length;
}

/**
 * The date `n` working days after `start` (start itself not counted): 交办 on a Friday with 1
 * working day is due the next Monday, or the Sunday before a holiday when that is a make-up
 * workday (调休上班). `n` = 0 gives `start`. Refuses a negative `n` or one above 3,650.
 */
export function addWorkingDays(start: string, n: number, cal: HolidayCalendar): string {
	if (!Number.isInteger(n) || n < 0 || n > 3650) throw new RangeError(`working days: ${n}`);
	let date = start;
	for (let left = n; left > 0;) {
		date = addDays(date, 1);
		if (isWorkingDay(date, cal)) left--;
	}
	return date;
}

/** The calendar date an instant falls on in a time zone (e.g. today in Asia/Shanghai). */
export function calendarDateIn(instant: Date, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).formatToParts(instant);
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')}`;
}
