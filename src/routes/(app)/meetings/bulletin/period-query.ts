import { queryParams } from '$lib/server/http';

/** The period bulletin's filter from the URL (page and .xlsx alike); a malformed value is a 400. */
export function periodQueryParams(url: URL) {
	const q = queryParams(url);
	return {
		from: q.date('from') ?? null,
		to: q.date('to') ?? null,
		department: q.id('department')?.toString() ?? null,
		type: q.id('type')?.toString() ?? null
	};
}
