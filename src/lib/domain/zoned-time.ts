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

/** Offset (ms) of `timeZone` from UTC at the given instant. */
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

/** The UTC instant of a wall-clock time (YYYY-MM-DD, HH:mm) in `timeZone`. */
export function zonedToInstant(date: string, time: string, timeZone: string): string {
	const [y, mo, d] = date.split('-').map(Number);
	const [h, mi] = time.split(':').map(Number);
	const guess = Date.UTC(y, mo - 1, d, h, mi);
	const first = guess - offsetAt(new Date(guess), timeZone);
	// A second pass settles times near a DST change (none in Asia/Shanghai, but zones vary).
	return new Date(guess - offsetAt(new Date(first), timeZone)).toISOString();
}

/** The calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function instantToZonedDate(iso: string, timeZone: string): string {
	return dateFormatter('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(new Date(iso));
}

export function nextDate(date: string): string {
	const d = new Date(date + 'T00:00:00Z');
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

/** The wall-clock time (HH:mm) of an instant in `timeZone`. */
export function instantToZonedTime(iso: string, timeZone: string): string {
	return dateFormatter('en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(new Date(iso));
}
