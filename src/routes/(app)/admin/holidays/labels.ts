import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { DayKind } from '$lib/domain/working-days';
import { weekdayName } from '$lib/format';

export { weekdayName };

// Month and weekday names (weekdayName lives in $lib/format) come from Intl in the current
// locale rather than message keys.
export function monthName(year: number, month: number): string {
	const fmt = new Intl.DateTimeFormat(getLocale(), { month: 'long', timeZone: 'UTC' });
	return fmt.format(Date.UTC(year, month - 1, 1));
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
