import { error, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { calendarDateIn, isCalendarDate } from '$lib/domain/working-days';
import { getDb } from '$lib/server/db';
import { formAction, formInput, requireActor } from '$lib/server/http';
import { holidayDateSchema, holidaySchema } from '$lib/server/holidays/holidays.schema';
import {
	deleteHoliday,
	getHolidayYear,
	isHolidayYear,
	listHolidayYears,
	saveHoliday
} from '$lib/server/holidays/holidays.service';
import { getSettings } from '$lib/server/settings/settings.service';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

function yearParam(url: URL, fallback: number): number {
	const raw = url.searchParams.get('year');
	if (!raw) return fallback;
	const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
	if (!isHolidayYear(year)) error(404, m.error_not_found());
	return year;
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const { timeZone } = await getSettings(db);
	const today = calendarDateIn(now(), timeZone);
	const year = yearParam(event.url, Number(today.slice(0, 4)));
	const [entries, years] = await Promise.all([
		getHolidayYear(db, actor, year),
		listHolidayYears(db)
	]);
	const param = (k: string) => event.url.searchParams.get(k) ?? '';
	const deleted = param('deleted');
	return {
		year,
		today,
		entries,
		years,
		prevYear: isHolidayYear(year - 1) ? year - 1 : null,
		nextYear: isHolidayYear(year + 1) ? year + 1 : null,
		editing: entries.find((e) => e.date === param('edit')) ?? null,
		saved: entries.find((e) => e.date === param('saved')) ?? null,
		// Only echo a real date back, never arbitrary text from the address bar.
		deleted: isCalendarDate(deleted) && !entries.some((e) => e.date === deleted) ? deleted : null
	};
};

export const actions: Actions = {
	save: formAction(async (actor, form) => {
		const { entry } = await saveHoliday(getDb(), actor, formInput(form, holidaySchema));
		redirect(303, `/admin/holidays?year=${entry.date.slice(0, 4)}&saved=${entry.date}`);
	}),
	delete: formAction(async (actor, form) => {
		const { date = '' } = formInput(form, holidayDateSchema);
		await deleteHoliday(getDb(), actor, date);
		redirect(303, `/admin/holidays?year=${date.slice(0, 4)}&deleted=${date}`);
	})
};
