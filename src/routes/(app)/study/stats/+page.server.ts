import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { orHttpError, requireActor } from '$lib/server/http';
import { getStudyStats } from '$lib/server/study/stats.query';
import { statsParams } from './stats-query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const params = statsParams(event.url);
	try {
		return {
			params,
			stats: await orHttpError(getStudyStats(getDb(), actor, params)),
			problem: null
		};
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return { params, stats: null, problem: e.message };
	}
};
