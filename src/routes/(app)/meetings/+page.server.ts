import { getDb } from '$lib/server/db';
import { orHttpError, queryParams, requireActor } from '$lib/server/http';
import { activeMeetingTypes } from '$lib/server/meetings/meeting-types.service';
import { myPendingReplies, searchMeetings, type Scope } from '$lib/server/meetings/meetings.query';
import { canPlanMeetings, canSeeAllMeetings } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 20;

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sp = event.url.searchParams;
	const q = queryParams(event.url);
	const canSeeAll = canSeeAllMeetings(actor);
	const scopeParam = sp.get('scope');
	const scope: Scope =
		scopeParam === 'department' || (scopeParam === 'all' && canSeeAll)
			? scopeParam
			: scopeParam === 'mine' || !canSeeAll
				? 'mine'
				: 'all';
	const status = sp.get('status');
	const statuses = ['draft', 'issued', 'cancelled'] as const;
	const statusFilter = statuses.find((s) => s === status);
	const filter = {
		scope,
		departmentId: event.locals.user!.departmentId,
		typeId: q.id('type'),
		status: statusFilter,
		fromDate: q.date('from'),
		toDate: q.date('to'),
		q: q.text('q') || undefined,
		page: q.page(),
		pageSize: PAGE_SIZE
	};
	const db = getDb();
	const [result, types, pending] = await Promise.all([
		orHttpError(searchMeetings(db, actor, filter)),
		activeMeetingTypes(db),
		myPendingReplies(db, actor)
	]);
	return {
		...result,
		pending,
		types: types.map((t) => ({ id: t.id, name: t.name })),
		canPlan: canPlanMeetings(actor),
		canSeeAll,
		filter: { ...filter, type: sp.get('type') ?? '', status: status ?? '', q: filter.q ?? '' },
		page: filter.page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE))
	};
};
