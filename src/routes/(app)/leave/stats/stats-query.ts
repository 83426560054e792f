import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { queryParams } from '$lib/server/http';

/** The statistics' filters from the address: a year (2000–2100) and a department id. */
export function statsParams(url: URL): { year: number | null; departmentId: number | null } {
	const q = queryParams(url);
	const raw = q.text('year', 8);
	if (raw && !/^(20\d\d|2100)$/.test(raw)) error(400, m.error_bad_query());
	return { year: raw ? Number(raw) : null, departmentId: q.id('department') ?? null };
}
