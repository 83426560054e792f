import { getDb } from '$lib/server/db';
import { apiHandler, idParam } from '$lib/server/api/http';
import { meetingView } from '$lib/server/api/views';
import { getMeetingDetail } from '$lib/server/meetings/meetings.query';
import { issueNotice } from '$lib/server/meetings/meetings.service';
import type { RequestHandler } from './$types';

/** Issues the notice of a draft: everyone invited is told. */
export const POST: RequestHandler = apiHandler(async (actor, event) => {
	const id = idParam(event.params.id);
	const db = getDb();
	await issueNotice(db, actor, id);
	return meetingView(await getMeetingDetail(db, actor, id));
});
