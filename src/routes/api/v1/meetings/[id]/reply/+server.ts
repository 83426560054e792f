import { getDb } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { apiHandler, idParam, readJson } from '$lib/server/api/http';
import { replyView } from '$lib/server/api/views';
import { getMeetingDetail } from '$lib/server/meetings/meetings.query';
import type { ReplyInput } from '$lib/server/meetings/meetings.schema';
import { replyToMeeting } from '$lib/server/meetings/replies.service';
import type { RequestHandler } from './$types';

/** My 回执: `{ "reply": "attend" | "excused" | "deputy", "reason", "deputyId" }`. */
export const POST: RequestHandler = apiHandler(async (actor, event) => {
	const id = idParam(event.params.id);
	const body = (await readJson(event)) as ReplyInput;
	const db = getDb();
	await replyToMeeting(db, actor, id, body);
	const { mine } = await getMeetingDetail(db, actor, id);
	if (!mine) throw new NotFoundError();
	return replyView(mine);
});
