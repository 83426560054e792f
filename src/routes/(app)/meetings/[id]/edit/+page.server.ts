import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formAction, formInput, orHttpError, requireActor } from '$lib/server/http';
import { meetingFormOptions } from '$lib/server/meetings/plan-form.query';
import { meetingToForm } from '$lib/server/meetings/form-values';
import { getMeetingDetail } from '$lib/server/meetings/meetings.query';
import { meetingPlanSchema } from '$lib/server/meetings/meetings.schema';
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
			typeId: d.meeting.typeId,
			typeName: d.meeting.typeName
		}),
		values: meetingToForm(d.meeting, d.agenda, d.logistics, d.participants, timeZone)
	};
};

export const actions: Actions = {
	save: formAction(async (actor, form, event) => {
		const id = meetingIdOf(event.params);
		await updateMeeting(getDb(), actor, id, formInput(form, meetingPlanSchema));
		redirect(303, `/meetings/${id}?saved=1`);
	})
};
