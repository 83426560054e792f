import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { actionFailure, formToObject, orHttpError, requireActor } from '$lib/server/http';
import { meetingFormOptions } from '$lib/server/meetings/form-options';
import { meetingToForm } from '$lib/server/meetings/form-values';
import { MEETING_ARRAY_FIELDS } from '$lib/server/meetings/meeting-input';
import { getMeetingDetail } from '$lib/server/meetings/meetings.query';
import { updateMeeting } from '$lib/server/meetings/meetings.service';
import { getSettings } from '$lib/server/settings/settings.service';
import { meetingIdOf } from '../../params';
import type { Actions, PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const d = await orHttpError(getMeetingDetail(db, actor, meetingIdOf(event.params)));
	if (!d.canManage) error(403, m.error_forbidden());
	const { timeZone } = await getSettings(db);
	return {
		title: d.meeting.title,
		id: d.meeting.id,
		issued: d.meeting.status === 'issued',
		options: await meetingFormOptions(db, {
			typeId: d.meeting.type_id,
			typeName: d.meeting.type_name
		}),
		values: meetingToForm(d.meeting, d.agenda, d.logistics, d.participants, timeZone)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireActor(event);
		const id = meetingIdOf(event.params);
		const values = formToObject(await event.request.formData(), MEETING_ARRAY_FIELDS);
		try {
			await updateMeeting(getDb(), actor, id, values);
		} catch (e) {
			return actionFailure(e, values);
		}
		redirect(303, `/meetings/${id}?saved=1`);
	}
};
