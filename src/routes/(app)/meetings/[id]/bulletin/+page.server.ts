import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { meetingAttendance } from '$lib/server/checkin/checkin.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = Number(event.params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, m.error_not_found());
	return orHttpError(meetingAttendance(getDb(), actor, id));
};
