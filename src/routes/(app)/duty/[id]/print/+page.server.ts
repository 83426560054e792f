import { getDb } from '$lib/server/db';
import { loadRoster } from '$lib/server/duty/roster-export';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return orHttpError(loadRoster(getDb(), actor, idParam(event.params.id)));
};
