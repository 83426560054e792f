import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { meetingAttendance } from '$lib/server/checkin/checkin.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = idParam(event.params.id);
	return orHttpError(meetingAttendance(getDb(), actor, id));
};
