import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { DayKind } from '$lib/domain/working-days';

// Month and weekday names come from Intl in the current locale rather than message keys.
export function monthName(year: number, month: number): string {
	const fmt = new Intl.DateTimeFormat(getLocale(), { month: 'long', timeZone: 'UTC' });
	return fmt.format(Date.UTC(year, month - 1, 1));
}

export function weekdayName(date: string, style: 'narrow' | 'short' = 'short'): string {
	const fmt = new Intl.DateTimeFormat(getLocale(), { weekday: style, timeZone: 'UTC' });
	return fmt.format(new Date(`${date}T00:00:00Z`));
}

/** Column heads Monday to Sunday (2024-01-01 was a Monday). */
export function weekdayHeads(): string[] {
	return Array.from({ length: 7 }, (_, i) => weekdayName(`2024-01-0${i + 1}`, 'narrow'));
}

export function kindLabel(kind: DayKind): string {
	return kind === 'holiday' ? m.holidays_kind_holiday() : m.holidays_kind_workday();
}

export function kindBadge(kind: DayKind): string {
	return kind === 'holiday' ? m.holidays_badge_holiday() : m.holidays_badge_workday();
}
