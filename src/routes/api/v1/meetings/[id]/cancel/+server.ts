import { getDb } from '$lib/server/db';
import { apiHandler, idParam, readJson } from '$lib/server/api/http';
import { meetingView } from '$lib/server/api/views';
import { getMeetingDetail } from '$lib/server/meetings/meetings.query';
import type { CancelInput } from '$lib/server/meetings/meetings.schema';
import { cancelMeeting } from '$lib/server/meetings/meetings.service';
import type { RequestHandler } from './$types';

/** Cancels a meeting with the reason people are told (`{ "reason": "…" }`). */
export const POST: RequestHandler = apiHandler(async (actor, event) => {
	const id = idParam(event.params.id);
	const body = (await readJson(event)) as CancelInput;
	const db = getDb();
	await cancelMeeting(db, actor, id, body);
	return meetingView(await getMeetingDetail(db, actor, id));
});
