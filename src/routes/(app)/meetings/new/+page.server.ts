import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formAction, formInput, requirePage } from '$lib/server/http';
import { meetingFormOptions } from '$lib/server/meetings/plan-form.query';
import { blankMeetingForm } from '$lib/server/meetings/form-values';
import { meetingPlanSchema } from '$lib/server/meetings/meetings.schema';
import { createMeeting } from '$lib/server/meetings/meetings.service';
import { canPlanMeetings } from '$lib/server/permissions';
import { getSettings } from '$lib/server/settings/settings.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePage(event, canPlanMeetings);
	const db = getDb();
	const { timeZone } = await getSettings(db);
	return { options: await meetingFormOptions(db), values: blankMeetingForm(timeZone) };
};

export const actions: Actions = {
	save: formAction(async (actor, form) => {
		const id = await createMeeting(getDb(), actor, formInput(form, meetingPlanSchema));
		redirect(303, `/meetings/${id}?saved=1`);
	})
};
