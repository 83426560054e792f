import { getDb } from '$lib/server/db';
import { apiHandler, idParam } from '$lib/server/api/http';
import { itemView } from '$lib/server/api/views';
import { itemPage } from '$lib/server/supervision/supervision.query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async (actor, event) =>
	itemView(await itemPage(getDb(), actor, idParam(event.params.id)))
);
