import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { orHttpError } from '$lib/server/http';
import { leaveStats } from '$lib/server/leave/stats.query';
import { statsParams } from './stats-query';
import type { PageServerLoad } from './$types';

/** 请休假统计: ?year=YYYY&department=<id> (this year, all departments or the head's own). */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { stats: await orHttpError(leaveStats(getDb(), actor, statsParams(event.url))) };
};
