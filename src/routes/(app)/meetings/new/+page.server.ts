import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { actionFailure, formToObject, requirePage } from '$lib/server/http';
import { meetingFormOptions } from '$lib/server/meetings/form-options';
import { blankMeetingForm } from '$lib/server/meetings/form-values';
import { MEETING_ARRAY_FIELDS } from '$lib/server/meetings/meeting-input';
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
	save: async (event) => {
		const actor = requirePage(event, canPlanMeetings);
		const values = formToObject(await event.request.formData(), MEETING_ARRAY_FIELDS);
		let id: number;
		try {
			id = await createMeeting(getDb(), actor, values);
		} catch (e) {
			return actionFailure(e, values);
		}
		redirect(303, `/meetings/${id}?saved=1`);
	}
};
