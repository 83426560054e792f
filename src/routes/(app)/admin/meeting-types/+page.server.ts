import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import {
	createMeetingType,
	listAllMeetingTypes,
	setMeetingTypeActive,
	updateMeetingType
} from '$lib/server/meetings/meeting-types.service';
import { catalogueActions } from '$lib/server/catalogue-actions';
import { meetingTypeSchema } from '$lib/server/meetings/meeting-types.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const types = await orHttpError(listAllMeetingTypes(getDb(), requireActor(event)));
	const editId = Number(event.url.searchParams.get('edit'));
	return { types, editing: types.find((t) => t.id === editId) ?? null };
};

export const actions: Actions = catalogueActions({
	schema: meetingTypeSchema,
	create: createMeetingType,
	update: updateMeetingType,
	setActive: setMeetingTypeActive
});
