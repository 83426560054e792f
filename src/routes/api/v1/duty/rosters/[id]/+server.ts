import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { apiHandler, idParam } from '$lib/server/api/http';
import { rosterView } from '$lib/server/api/views';
import { getRoster } from '$lib/server/duty/roster.query';
import type { RequestHandler } from './$types';

/** A published roster with its shifts and who serves each. */
export const GET: RequestHandler = apiHandler(async (actor, event) => {
	const roster = await getRoster(getDb(), actor, idParam(event.params.id));
	if (roster.period.status !== 'published') throw new NotFoundError();
	return rosterView(roster);
});
