import { getDb } from '$lib/server/db';
import { apiHandler, idParam } from '$lib/server/api/http';
import { meetingView } from '$lib/server/api/views';
import { getMeetingDetail } from '$lib/server/meetings/meetings.query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = apiHandler(async (actor, event) =>
	meetingView(await getMeetingDetail(getDb(), actor, idParam(event.params.id)))
);
