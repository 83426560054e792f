import {
	SUPERVISION_SOURCES,
	SUPERVISION_STATUSES,
	type SupervisionColour
} from '$lib/domain/supervision';
import { getDb } from '$lib/server/db';
import { apiHandler, apiQuery } from '$lib/server/api/http';
import { itemSummaryView, listPage } from '$lib/server/api/views';
import { listItems } from '$lib/server/supervision/supervision.query';
import type { RequestHandler } from './$types';

const COLOURS: readonly SupervisionColour[] = ['normal', 'blue', 'yellow', 'red', 'none'];

/** The 督办 items the caller may see, overdue first, as the list page. */
export const GET: RequestHandler = apiHandler(async (actor, event) => {
	const q = apiQuery(event.url);
	const filter = {
		status: q.oneOf('status', SUPERVISION_STATUSES),
		colour: q.oneOf('colour', COLOURS),
		departmentId: q.id('department'),
		source: q.oneOf('source', SUPERVISION_SOURCES),
		deadlineFrom: q.date('from'),
		deadlineTo: q.date('to'),
		q: q.text('q'),
		page: q.page(),
		pageSize: q.perPage()
	};
	q.done();
	const result = await listItems(getDb(), actor, filter);
	return listPage(result.items.map(itemSummaryView), filter.page, filter.pageSize, result.total);
});
