import {
	SUPERVISION_SOURCES,
	SUPERVISION_STATUSES,
	type SupervisionColour
} from '$lib/domain/supervision';
import { getDb } from '$lib/server/db';
import { orHttpError, queryParams, requireActor } from '$lib/server/http';
import { canManageSupervision, canSeeAllSupervision } from '$lib/server/permissions';
import { listItems, supervisionDepartments } from '$lib/server/supervision/supervision.query';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;
const COLOURS: readonly SupervisionColour[] = ['normal', 'blue', 'yellow', 'red', 'none'];

const pick = <T extends string>(list: readonly T[], v: string | null): T | undefined =>
	list.find((x) => x === v);

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sp = event.url.searchParams;
	const q = queryParams(event.url);
	const filter = {
		status: pick(SUPERVISION_STATUSES, sp.get('status')),
		colour: pick(COLOURS, sp.get('colour')),
		departmentId: q.id('department'),
		source: pick(SUPERVISION_SOURCES, sp.get('source')),
		deadlineFrom: q.date('from'),
		deadlineTo: q.date('to'),
		q: q.text('q') || undefined,
		page: q.page(),
		pageSize: PAGE_SIZE
	};
	const db = getDb();
	// What rarely changes is kept while the request's change stamp stays (supervision.query).
	const at = { stamp: event.locals.stamp };
	const [result, departments] = await Promise.all([
		orHttpError(listItems(db, actor, filter, at)),
		supervisionDepartments(db, at)
	]);
	return {
		items: result.items,
		total: result.total,
		departments: departments.filter((d) => d.isActive).map((d) => ({ id: d.id, name: d.name })),
		canManage: canManageSupervision(actor),
		canSeeAll: canSeeAllSupervision(actor),
		filter: {
			status: filter.status ?? '',
			colour: filter.colour ?? '',
			department: filter.departmentId ?? '',
			source: filter.source ?? '',
			from: filter.deadlineFrom ?? '',
			to: filter.deadlineTo ?? '',
			q: filter.q ?? ''
		},
		page: filter.page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE))
	};
};
