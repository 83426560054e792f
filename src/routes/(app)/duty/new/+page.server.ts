import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { holidayChoices } from '$lib/server/duty/periods.query';
import { createPeriod } from '$lib/server/duty/periods.service';
import { actionFailure, formToObject, requirePageRole } from '$lib/server/http';
import { now } from '$lib/server/clock';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePageRole(event, 'office', 'admin');
	const thisYear = now().getFullYear();
	const year = Number(event.url.searchParams.get('year')) || thisYear;
	const years = [thisYear - 1, thisYear, thisYear + 1];
	return { year, years, holidays: await holidayChoices(getDb(), actor, year) };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requirePageRole(event, 'office', 'admin');
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
