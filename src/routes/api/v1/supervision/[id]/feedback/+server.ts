import { getDb } from '$lib/server/db';
import { apiHandler, Created, idParam, readJson } from '$lib/server/api/http';
import { itemView } from '$lib/server/api/views';
import type { FeedbackInput } from '$lib/server/supervision/feedback.schema';
import { addFeedback } from '$lib/server/supervision/feedback.service';
import { itemPage } from '$lib/server/supervision/supervision.query';
import type { RequestHandler } from './$types';

/** A progress report (反馈) on an item: `{ "text", "percent", "milestoneId", "milestoneDone" }`. */
export const POST: RequestHandler = apiHandler(async (actor, event) => {
	const id = idParam(event.params.id);
	const body = (await readJson(event)) as FeedbackInput;
	const db = getDb();
	await addFeedback(db, actor, id, body);
	return new Created(itemView(await itemPage(db, actor, id)), `/api/v1/supervision/${id}`);
});
