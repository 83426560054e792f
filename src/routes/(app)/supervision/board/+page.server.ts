import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { canSeeAllSupervision } from '$lib/server/permissions';
import { boardColumns } from '$lib/server/supervision/supervision.query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return {
		columns: await orHttpError(boardColumns(getDb(), actor, event.locals)),
		canSeeAll: canSeeAllSupervision(actor)
	};
};
