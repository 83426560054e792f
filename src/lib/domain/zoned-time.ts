const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat is costly (a quarter of a busy page's CPU); reuse them. */
export function dateFormatter(
	locale: string,
	options: Intl.DateTimeFormatOptions
): Intl.DateTimeFormat {
	const key = locale + JSON.stringify(options);
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, options);
		formatters.set(key, f);
	}
	return f;
}

/** Offset (ms) of `timeZone` from UTC at the given instant, as Intl knows it. */
function offsetAt(instant: Date, timeZone: string): number {
	const parts = dateFormatter('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	}).formatToParts(instant);
	const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/*
 * Asking Intl for every instant cost ≈8% of a meeting page's CPU. A zone's offset changes only
 * at its transitions, and those fall on 15-minute UTC boundaries (offsets are whole quarter
 * hours, changes happen on local whole hours), so the offset is kept per 15-minute bucket.
 * A bucket with a change inside it (some local-mean-time changes before 1980) is not kept.
 */
const BUCKET_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 20_000;
// Instants outside these years go to Intl each time (and are formatted by Intl): the
// arithmetic below matches Intl's four-digit Gregorian years only.
const FAST_FROM = Date.UTC(1900, 0, 1);
const FAST_TO = Date.UTC(9000, 0, 1);
const offsets = new Map<string, Map<number, number>>();
let cachedOffsets = 0;

/** Offset (ms) of `timeZone` from UTC at instant `ms`; throws RangeError as Intl does. */
function zoneOffset(ms: number, timeZone: string): number {
	if (!(ms >= FAST_FROM && ms < FAST_TO)) return offsetAt(new Date(ms), timeZone);
	const bucket = Math.floor(ms / BUCKET_MS);
	const cached = offsets.get(timeZone)?.get(bucket);
	if (cached !== undefined) return cached;
	const start = bucket * BUCKET_MS;
	const offset = offsetAt(new Date(start), timeZone);
	if (offsetAt(new Date(start + BUCKET_MS - 1), timeZone) !== offset) {
		return offsetAt(new Date(ms), timeZone);
	}
	if (cachedOffsets >= MAX_CACHED_OFFSETS) {
		offsets.clear();
		cachedOffsets = 0;
	}
	let zone = offsets.get(timeZone);
	if (!zone) offsets.set(timeZone, (zone = new Map()));
	zone.set(bucket, offset);
	cachedOffsets++;
	return offset;
}

/**
 * The wall clock of instant `ms` in `timeZone`, as a Date whose UTC fields (getUTCHours…)
 * are the local ones; undefined outside 1900–9000 or for an invalid instant (ask Intl).
 */
export function wallClock(ms: number, timeZone: string): Date | undefined {
	if (!(ms >= FAST_FROM && ms < FAST_TO)) return undefined;
	return new Date(ms + zoneOffset(ms, timeZone));
}

/** Two digits, as Intl's '2-digit'. */
function pad2(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

/** YYYY-MM-DD of a wall clock from wallClock. */
export function wallDate(w: Date): string {
	return `${w.getUTCFullYear()}-${pad2(w.getUTCMonth() + 1)}-${pad2(w.getUTCDate())}`;
}

/** HH:mm (24-hour) of a wall clock from wallClock. */
export function wallTime(w: Date): string {
	return `${pad2(w.getUTCHours())}:${pad2(w.getUTCMinutes())}`;
}

/** The UTC instant of a wall-clock time (YYYY-MM-DD, HH:mm) in `timeZone`. */
export function zonedToInstant(date: string, time: string, timeZone: string): string {
	const [y, mo, d] = date.split('-').map(Number);
	const [h, mi] = time.split(':').map(Number);
	const guess = Date.UTC(y, mo - 1, d, h, mi);
	const first = guess - zoneOffset(guess, timeZone);
	// A second pass settles times near a DST change (none in Asia/Shanghai, but zones vary).
	return new Date(guess - zoneOffset(first, timeZone)).toISOString();
}

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function instantToZonedDate(iso: string, timeZone: string): string {
	const instant = new Date(iso);
	const wall = wallClock(instant.getTime(), timeZone);
	if (!wall) {
		return dateFormatter('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		}).format(instant);
	}
	return wallDate(wall);
}

export function nextDate(date: string): string {
	const d = new Date(date + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** The wall-clock time (HH:mm) of an instant in `timeZone`. */
export function instantToZonedTime(iso: string, timeZone: string): string {
	const instant = new Date(iso);
	const wall = wallClock(instant.getTime(), timeZone);
	if (!wall) {
		return dateFormatter('en-GB', {
			timeZone,
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		}).format(instant);
	}
	return wallTime(wall);
}
