import { queryParams } from '$lib/server/http';
import type { BulletinParams } from '$lib/server/supervision/bulletin.query';

/** The bulletin's period from the URL (page, print and .xlsx alike); a malformed date is a 400. */
export function bulletinParams(url: URL): BulletinParams {
	const q = queryParams(url);
	return {
		from: q.date('from') ?? null,
		to: q.date('to') ?? null,
		preset: q.text('preset', 10) || null
	};
}
