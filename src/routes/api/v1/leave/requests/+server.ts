import { getDb } from '$lib/server/db';
import { apiHandler, apiQuery, Created, readJson } from '$lib/server/api/http';
import { leaveView, slicePage } from '$lib/server/api/views';
import { leaveDetailPage, myLeavePage } from '$lib/server/leave/requests.query';
import type { LeaveRequestInput } from '$lib/server/leave/requests.schema';
import { submitLeave } from '$lib/server/leave/requests.service';
import type { RequestHandler } from './$types';

/** My leave requests, newest first. */
export const GET: RequestHandler = apiHandler(async (actor, event) => {
	const q = apiQuery(event.url);
	const page = q.page();
	const perPage = q.perPage();
	q.done();
	const { requests } = await myLeavePage(getDb(), actor);
	return slicePage(requests.map(leaveView), page, perPage);
});

/** 提交请假 (the request form's fields as JSON; proof files only in the app). */
export const POST: RequestHandler = apiHandler(async (actor, event) => {
	const body = (await readJson(event)) as LeaveRequestInput;
	const db = getDb();
	const id = await submitLeave(db, actor, body);
	const { leave } = await leaveDetailPage(db, actor, id);
	return new Created(leaveView(leave), `/api/v1/leave/requests/${id}`);
});
