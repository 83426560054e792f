import { getDb } from '$lib/server/db';
import { apiHandler, apiQuery, Created, readJson } from '$lib/server/api/http';
import { listPage, meetingSummaryView, meetingView } from '$lib/server/api/views';
import { getMeetingDetail, searchMeetings, type Scope } from '$lib/server/meetings/meetings.query';
import type { MeetingPlanInput } from '$lib/server/meetings/meetings.schema';
import { createMeeting } from '$lib/server/meetings/meetings.service';
import { canSeeAllMeetings } from '$lib/server/permissions';
import type { RequestHandler } from './$types';

const SCOPES: readonly Scope[] = ['mine', 'department', 'all'];
const STATUSES = ['draft', 'issued', 'cancelled'] as const;

/** The meetings the caller may see, as the list page: `scope` mine | department | all. */
export const GET: RequestHandler = apiHandler(async (actor, event) => {
	const q = apiQuery(event.url);
	const filter = {
		scope: q.oneOf('scope', SCOPES) ?? (canSeeAllMeetings(actor) ? 'all' : 'mine'),
		departmentId: event.locals.user?.departmentId ?? null,
		typeId: q.id('type'),
		status: q.oneOf('status', STATUSES),
		fromDate: q.date('from'),
		toDate: q.date('to'),
		q: q.text('q'),
		page: q.page(),
		pageSize: q.perPage()
	};
	q.done();
	const result = await searchMeetings(getDb(), actor, filter);
	return listPage(
		result.meetings.map(meetingSummaryView),
		filter.page,
		filter.pageSize,
		result.total
	);
});

/** The office drafts a meeting (the plan form's fields as JSON); nothing is sent yet. */
export const POST: RequestHandler = apiHandler(async (actor, event) => {
	const body = (await readJson(event)) as MeetingPlanInput;
	const db = getDb();
	const id = await createMeeting(db, actor, body);
	return new Created(meetingView(await getMeetingDetail(db, actor, id)), `/api/v1/meetings/${id}`);
});
