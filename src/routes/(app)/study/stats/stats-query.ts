import { queryParams } from '$lib/server/http';
import type { StudyStatsParams } from '$lib/server/study/stats.query';

/** The statistics' year, month and department from the URL (page and .xlsx alike). */
export function statsParams(url: URL): StudyStatsParams {
	const q = queryParams(url);
	return {
		year: q.id('year') ?? null,
		month: q.id('month') ?? null,
		department: q.id('department') ?? null
	};
}
