import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { holidayChoices } from '$lib/server/duty/periods.query';
import { createPeriod } from '$lib/server/duty/periods.service';
import { actionFailure, formToObject, requirePage } from '$lib/server/http';
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
	default: async (event) => {
		const actor = requirePage(event, canManageDuty);
		const form = formToObject(await event.request.formData());
		let id: number;
		try {
			id = await createPeriod(getDb(), actor, form);
		} catch (e) {
			return actionFailure(e, form);
		}
		redirect(303, `/duty/${id}/setup`);
	}
};
