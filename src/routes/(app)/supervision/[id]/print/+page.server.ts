import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { itemPage } from '$lib/server/supervision/supervision.query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return orHttpError(itemPage(getDb(), actor, idParam(event.params.id)));
};
