import { getDb } from '$lib/server/db';
import { logSearchPeriods, searchLogs } from '$lib/server/duty/log.query';
import { ValidationError } from '$lib/server/errors';
import { orHttpError, pageNumber, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const sp = event.url.searchParams;
	const query = {
		periodId: sp.get('periodId') ?? '',
		date: sp.get('date') ?? '',
		q: sp.get('q') ?? ''
	};
	const periods = await orHttpError(logSearchPeriods(db, actor));
	try {
		const result = await searchLogs(db, actor, { ...query, page: pageNumber(event.url) });
		return { periods, query, result, problem: null };
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return { periods, query, result: null, problem: e.message };
	}
};
