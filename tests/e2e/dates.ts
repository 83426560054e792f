// Dates the journeys type into forms, relative to the office's today (Asia/Shanghai): no
// journey may depend on the day it runs.

const OFFICE_ZONE = 'Asia/Shanghai';

/** The office's date `days` from now (YYYY-MM-DD); 0 is today, −1 yesterday. */
export function beijingDate(days = 0): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: OFFICE_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(new Date(Date.now() + days * 86_400_000));
}

/** Today's date in the office's zone. */
export const beijingToday = (): string => beijingDate(0);

/** A calendar date `n` days after `date` (both YYYY-MM-DD). */
export function plusDays(date: string, n: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}
