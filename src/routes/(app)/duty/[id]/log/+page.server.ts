import { getDb } from '$lib/server/db';
import { listShiftLogs } from '$lib/server/duty/log.query';
import { orHttpError, requireActor } from '$lib/server/http';
import { idParam } from './params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return orHttpError(listShiftLogs(getDb(), actor, idParam(event.params.id)));
};
