import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { createPeriod, holidayChoices } from '$lib/server/duty/periods.service';
import { createPeriodSchema } from '$lib/server/duty/periods.schema';
import { formAction, formInput, requirePage } from '$lib/server/http';
import { canManageDuty } from '$lib/server/permissions';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canManageDuty);
	const thisYear = now().getFullYear();
	const year = Number(event.url.searchParams.get('year')) || thisYear;
	const years = [thisYear - 1, thisYear, thisYear + 1];
	return { year, years, holidays: await holidayChoices(getDb(), actor, year) };
};

export const actions: Actions = {
	default: formAction(async (actor, form) => {
		const id = await createPeriod(getDb(), actor, formInput(form, createPeriodSchema));
		redirect(303, `/duty/${id}/setup`);
	})
};
