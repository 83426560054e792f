import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { canSeeAllSupervision } from '$lib/server/permissions';
import { myItems } from '$lib/server/supervision/supervision.query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const { items } = await orHttpError(myItems(getDb(), actor, { at: event.locals }));
	return { items, canSeeAll: canSeeAllSupervision(actor) };
};
