import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { requirePage } from '$lib/server/http';
import { canManageSupervision, canSeeAllSupervision } from '$lib/server/permissions';
import { getSupervisionBulletin } from '$lib/server/supervision/bulletin.query';
import { bulletinParams } from './period-query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canSeeAllSupervision);
	const params = bulletinParams(event.url);
	const can = { canSeeAll: true, canManage: canManageSupervision(actor) };
	try {
		return {
			...can,
			params,
			bulletin: await getSupervisionBulletin(getDb(), actor, params),
			problem: null
		};
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return { ...can, params, bulletin: null, problem: e.message };
	}
};
