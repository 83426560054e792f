import { addDays } from '$lib/domain/working-days';
import type { Actor } from '../actor';
import { canManageDuty, requirePermission } from '../permissions';
import type { DB } from '../db';
import { listHolidaysBetween } from '../holidays/holidays.repository';
import { listDepartments } from '../org/departments.repository';
import { withInitials } from '../person-initials';
import { loadManagedPeriod } from './access';
import { listPeriodDays, listShifts } from './duty.repository';
import { listActivePeople, listExemptions, listPoolMembers } from './periods.repository';

/** A holiday break of a year as the "new period" form offers it. */
export interface HolidayChoice {
	/** The holiday the break starts with, e.g. 国庆节: the period's holiday for the ledger. */
	name: string;
	/** Every holiday in the break, e.g. 国庆节、中秋 when the two are joined. */
	label: string;
	dates: string[];
}

/**
 * The year's holiday breaks: runs of consecutive days off (调休 workdays are not days off, so
 * never listed). A break belongs to the year it ends in: 元旦 may begin on 31 December.
 */
export async function holidayChoices(db: DB, actor: Actor, year: number): Promise<HolidayChoice[]> {
	requirePermission(actor, canManageDuty);
	const rows = await listHolidaysBetween(db, `${year - 1}-12-20`, `${year + 1}-01-15`);
	const out: Array<HolidayChoice & { names: string[] }> = [];
	for (const r of rows) {
		if (r.kind !== 'holiday') continue;
		const last = out[out.length - 1];
		if (last && addDays(last.dates[last.dates.length - 1], 1) === r.date) {
			last.dates.push(r.date);
			if (!last.names.includes(r.name)) last.names.push(r.name);
		} else {
			out.push({ name: r.name, label: '', names: [r.name], dates: [r.date] });
		}
	}
	return out
		.filter((h) => h.dates[h.dates.length - 1].startsWith(String(year)))
		.map(({ names, ...h }) => ({ ...h, label: names.join('、') }));
}

/** Everything the setup page edits: details, days, shifts, pools, exemptions and the pickers. */
export async function getPeriodSetup(db: DB, actor: Actor, periodId: number) {
	const period = await loadManagedPeriod(db, actor, periodId);
	const [days, shifts, pool, exemptions, people, departments] = await Promise.all([
		listPeriodDays(db, periodId),
		listShifts(db, periodId),
		listPoolMembers(db, periodId),
		listExemptions(db, periodId),
		listActivePeople(db),
		listDepartments(db)
	]);
	return {
		period,
		days,
		shifts,
		leaders: pool.filter((p) => p.role === 'leader'),
		officers: pool.filter((p) => p.role === 'officer'),
		exemptions,
		people: withInitials(people),
		departments: departments.filter((d) => d.isActive).map((d) => ({ id: d.id, name: d.name }))
	};
}
