import { getLocale } from '$lib/paraglide/runtime';
import { dateFormatter, wallClock, wallDate, wallTime } from '$lib/domain/zoned-time';
/** Display helpers used by pages; instants are shown in the office's zone. */
/** Used only until the office's own setting is known (it defaults to the same zone). */
export const OFFICE_TIME_ZONE = 'Asia/Shanghai';

/** YYYY-MM-DD HH:mm (24-hour) of an instant in `timeZone`; — for none. Not for screens (issue 9):
 * files, logs and tests; pages use formatDateTime / formatTimeRange below. */
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

/*
 * One date and time presentation (issue 9). Chinese follows 党政机关 convention:
 * 2026年12月7日（星期一）14:30—16:30 (always 星期, never 周); English reads
 * "Mon 7 Dec 2026 14:30–16:30". ISO dates appear on screen only inside inputs.
 * Built from the cached zone offsets of zoned-time (no Intl formatter per call): hot pages
 * format hundreds of instants.
 */

type Locale = string;

const ZH_WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const ZH_NARROW = ['日', '一', '二', '三', '四', '五', '六'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_NARROW = ['S', 'M', 'T', 'W', 'T', 'F', 'S'];
const EN_MONTHS = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec'
];

/** A wall-clock reading: year, month (1–12), day, weekday (0 = Sunday), HH:mm. */
interface Wall {
	y: number;
	mo: number;
	d: number;
	wd: number;
	hm: string;
}

const isZh = (locale: Locale) => !locale.startsWith('en');

function weekdayOf(y: number, mo: number, d: number): number {
	return new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
}

/** A calendar date (YYYY-MM-DD) as a wall reading at 00:00. */
function calendarWall(date: string): Wall | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!m) return undefined;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	return { y, mo, d, wd: weekdayOf(y, mo, d), hm: '00:00' };
}

/** The wall clock of an ISO instant in `timeZone`; undefined when it is not a valid instant. */
function instantWall(iso: string, timeZone: string): Wall | undefined {
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) return undefined;
	const w = wallClock(ms, timeZone);
	if (w) {
		return {
			y: w.getUTCFullYear(),
			mo: w.getUTCMonth() + 1,
			d: w.getUTCDate(),
			wd: w.getUTCDay(),
			hm: wallTime(w)
		};
	}
	const parts = dateFormatter('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	}).formatToParts(new Date(ms));
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	const [y, mo, d] = [Number(get('year')), Number(get('month')), Number(get('day'))];
	return { y, mo, d, wd: weekdayOf(y, mo, d), hm: `${get('hour')}:${get('minute')}` };
}

/** A calendar date (YYYY-MM-DD) as it is, or an instant read in `timeZone`. */
function wallOf(value: string, timeZone: string): Wall | undefined {
	return value.length === 10 ? calendarWall(value) : instantWall(value, timeZone);
}

function dayText(w: Wall, locale: Locale, withYear: boolean, withWeekday: boolean): string {
	if (isZh(locale)) {
		const day = `${withYear ? `${w.y}年` : ''}${w.mo}月${w.d}日`;
		return withWeekday ? `${day}（${ZH_WEEKDAYS[w.wd]}）` : day;
	}
	const day = `${w.d} ${EN_MONTHS[w.mo - 1]}${withYear ? ` ${w.y}` : ''}`;
	return withWeekday ? `${EN_WEEKDAYS[w.wd]} ${day}` : day;
}

const NONE = '—';

/** 2026年12月7日 / 7 Dec 2026, of a calendar date (YYYY-MM-DD) or an instant; — for none. */
export function formatDate(
	value: string | null | undefined,
	timeZone = OFFICE_TIME_ZONE,
	locale: Locale = getLocale()
): string {
	const w = value ? wallOf(value, timeZone) : undefined;
	return w ? dayText(w, locale, true, false) : NONE;
}

/** 2026年12月7日（星期一） / Mon 7 Dec 2026. */
export function formatDateWeekday(
	value: string | null | undefined,
	timeZone = OFFICE_TIME_ZONE,
	locale: Locale = getLocale()
): string {
	const w = value ? wallOf(value, timeZone) : undefined;
	return w ? dayText(w, locale, true, true) : NONE;
}

/** Short form for dense tables: 12月7日（星期一） / Mon 7 Dec (no year). */
export function formatDateShort(
	value: string | null | undefined,
	timeZone = OFFICE_TIME_ZONE,
	locale: Locale = getLocale()
): string {
	const w = value ? wallOf(value, timeZone) : undefined;
	return w ? dayText(w, locale, false, true) : NONE;
}

/** 12月7日 / 7 Dec, for a table that has its own 星期 column (rosters). */
export function formatMonthDay(
	value: string | null | undefined,
	timeZone = OFFICE_TIME_ZONE,
	locale: Locale = getLocale()
): string {
	const w = value ? wallOf(value, timeZone) : undefined;
	return w ? dayText(w, locale, false, false) : NONE;
}

/** 14:30, the wall-clock time of an instant. */
export function formatTime(iso: string | null | undefined, timeZone = OFFICE_TIME_ZONE): string {
	const w = iso ? instantWall(iso, timeZone) : undefined;
	return w ? w.hm : NONE;
}

/** 2026年12月7日（星期一）14:30 / Mon 7 Dec 2026 14:30. */
export function formatDateTime(
	iso: string | null | undefined,
	timeZone = OFFICE_TIME_ZONE,
	locale: Locale = getLocale()
): string {
	const w = iso ? instantWall(iso, timeZone) : undefined;
	if (!w) return NONE;
	return `${dayText(w, locale, true, true)}${isZh(locale) ? '' : ' '}${w.hm}`;
}

/**
 * 2026年12月7日（星期一）14:30—16:30; across days 2026年12月7日（星期一）14:30—12月8日（星期二）09:00
 * (the year repeats only when it changes). English: Mon 7 Dec 2026 14:30–16:30, and
 * Mon 7 Dec 2026 14:30 – Tue 8 Dec 09:00.
 */
export function formatTimeRange(
	startIso: string | null | undefined,
	endIso: string | null | undefined,
	timeZone = OFFICE_TIME_ZONE,
	locale: Locale = getLocale()
): string {
	const s = startIso ? instantWall(startIso, timeZone) : undefined;
	const e = endIso ? instantWall(endIso, timeZone) : undefined;
	if (!s || !e) return s ? formatDateTime(startIso, timeZone, locale) : NONE;
	const zh = isZh(locale);
	const start = `${dayText(s, locale, true, true)}${zh ? '' : ' '}${s.hm}`;
	if (s.y === e.y && s.mo === e.mo && s.d === e.d) return `${start}${zh ? '—' : '–'}${e.hm}`;
	const end = `${dayText(e, locale, e.y !== s.y, true)}${zh ? '' : ' '}${e.hm}`;
	return zh ? `${start}—${end}` : `${start} – ${end}`;
}

/**
 * A run of calendar dates (YYYY-MM-DD): 2026年10月1日—10月8日 (the year once when it is the same),
 * one date when from = to; English 1 Oct – 8 Oct 2026.
 */
export function formatDateSpan(
	from: string | null | undefined,
	to: string | null | undefined,
	locale: Locale = getLocale()
): string {
	const s = from ? calendarWall(from) : undefined;
	const e = to ? calendarWall(to) : undefined;
	if (!s || !e) return s ? dayText(s, locale, true, false) : NONE;
	if (from === to) return dayText(s, locale, true, false);
	const sameYear = s.y === e.y;
	if (isZh(locale))
		return `${dayText(s, locale, true, false)}—${dayText(e, locale, !sameYear, false)}`;
	return `${dayText(s, locale, !sameYear, false)} – ${dayText(e, locale, true, false)}`;
}

/** The span of a meeting or a shift: the same as formatTimeRange. */
export const formatSpan = formatTimeRange;

/** The weekday of a calendar date (YYYY-MM-DD): 星期三 / Wed, or 三 / W (calendar heads). */
export function weekdayName(
	date: string,
	style: 'narrow' | 'short' = 'short',
	locale: Locale = getLocale()
): string {
	const w = calendarWall(date.slice(0, 10));
	if (!w) return '';
	if (isZh(locale)) return (style === 'narrow' ? ZH_NARROW : ZH_WEEKDAYS)[w.wd];
	return (style === 'narrow' ? EN_NARROW : EN_WEEKDAYS)[w.wd];
}
