import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { feedForToken } from '$lib/server/meetings/calendar.feed';
import type { RequestHandler } from './$types';

/** The personal subscription feed; the secret token in the path is the only credential. */
export const GET: RequestHandler = async ({ params, url }) => {
	const ics = await feedForToken(getDb(), params.token, { origin: url.origin });
	if (ics === null) error(404, m.error_not_found());
	return new Response(ics, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			// Calendar clients poll; five minutes spares the database without making changes late.
			'cache-control': 'private, max-age=300'
		}
	});
};
