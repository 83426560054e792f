import { getLocale } from '$lib/paraglide/runtime';
import { dateFormatter, wallClock, wallDate, wallTime } from '$lib/domain/zoned-time';
/** Display helpers used by pages; instants are shown in the office's zone. */
/** Used only until the office's own setting is known (it defaults to the same zone). */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

/** YYYY-MM-DD HH:mm (24-hour) of an instant in `timeZone`; — for none. */
export function formatInstant(iso: string | null | undefined, timeZone = OFFICE_TIME_ZONE): string {
	if (!iso) return '—';
	const d = new Date(iso);
	// Built from the cached zone offset: formatToParts per call was ≈8% of a meeting page's CPU.
	const w = wallClock(d.getTime(), timeZone);
	if (w) return `${wallDate(w)} ${wallTime(w)}`;
	const parts = dateFormatter('zh-CN', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).formatToParts(d);
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

const weekdayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The weekday of a calendar date (YYYY-MM-DD) in the current locale: 周三 / Wed, or 三 / W. */
export function weekdayName(date: string, style: 'narrow' | 'short' = 'short'): string {
	const locale = getLocale();
	const key = `${locale} ${style}`;
	let f = weekdayFormatters.get(key);
	if (!f)
		weekdayFormatters.set(key, (f = dateFormatter(locale, { weekday: style, timeZone: 'UTC' })));
	return f.format(new Date(`${date}T00:00:00Z`));
}
