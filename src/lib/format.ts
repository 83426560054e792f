import { getLocale } from '$lib/paraglide/runtime';
import { dateFormatter } from '$lib/domain/zoned-time';
/** Display helpers used by pages; instants are shown in the office's zone. */
/** Used only until the office's own setting is known (it defaults to the same zone). */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

export function formatInstant(iso: string | null | undefined, timeZone = OFFICE_TIME_ZONE): string {
	if (!iso) return '—';
	const d = new Date(iso);
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

/** The weekday of a calendar date (YYYY-MM-DD) in the current locale: 周三 / Wed, or 三 / W. */
export function weekdayName(date: string, style: 'narrow' | 'short' = 'short'): string {
	const f = dateFormatter(getLocale(), { weekday: style, timeZone: 'UTC' });
	return f.format(new Date(`${date}T00:00:00Z`));
}
