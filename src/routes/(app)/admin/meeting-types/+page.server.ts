import { getDb } from '$lib/server/db';
import { actionFailure, formToObject, orHttpError, requireActor } from '$lib/server/http';
import {
	createMeetingType,
	listAllMeetingTypes,
	setMeetingTypeActive,
	updateMeetingType
} from '$lib/server/meetings/meeting-types.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const types = await orHttpError(listAllMeetingTypes(getDb(), requireActor(event)));
	const editId = Number(event.url.searchParams.get('edit'));
	return { types, editing: types.find((t) => t.id === editId) ?? null };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireActor(event);
		const values = formToObject(await event.request.formData());
		const id = Number(values.id);
		try {
			if (id) await updateMeetingType(getDb(), actor, id, values);
			else await createMeetingType(getDb(), actor, values);
		} catch (e) {
			return actionFailure(e, values);
		}
		return { saved: String(values.name).trim() };
	},
	toggle: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		try {
			await setMeetingTypeActive(
				getDb(),
				actor,
				Number(form.get('id')),
				form.get('active') === 'true'
			);
		} catch (e) {
			return actionFailure(e);
		}
		return { toggled: true };
	}
};
