import { getDb } from '$lib/server/db';
import { apiHandler, apiQuery } from '$lib/server/api/http';
import { periodView, slicePage } from '$lib/server/api/views';
import { listPeriods } from '$lib/server/duty/periods.query';
import type { RequestHandler } from './$types';

/** Published duty rosters, newest first (drafts stay the office's, in the app). */
export const GET: RequestHandler = apiHandler(async (actor, event) => {
	const q = apiQuery(event.url);
	const page = q.page();
	const perPage = q.perPage();
	q.done();
	const periods = await listPeriods(getDb(), actor);
	return slicePage(periods.filter((p) => p.status === 'published').map(periodView), page, perPage);
});
