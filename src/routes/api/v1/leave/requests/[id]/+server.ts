import { getDb } from '$lib/server/db';
import { apiHandler, idParam } from '$lib/server/api/http';
import { leaveView } from '$lib/server/api/views';
import { leaveDetailPage } from '$lib/server/leave/requests.query';
import type { RequestHandler } from './$types';

/** A leave request the caller may see (their own, or one they approve). */
export const GET: RequestHandler = apiHandler(async (actor, event) =>
	leaveView((await leaveDetailPage(getDb(), actor, idParam(event.params.id))).leave)
);
