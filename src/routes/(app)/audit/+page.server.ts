import { getDb } from '$lib/server/db';
import { orHttpError, pageNumber, requireActor } from '$lib/server/http';
import { searchAuditLog } from '$lib/server/audit.service';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const sp = event.url.searchParams;
	const filter = {
		actor: sp.get('actor')?.trim() ?? '',
		action: sp.get('action')?.trim() ?? '',
		entity: sp.get('entity')?.trim() ?? '',
		entityId: sp.get('entityId')?.trim() ?? '',
		fromDate: sp.get('from') ?? '',
		toDate: sp.get('to') ?? ''
	};
	const page = pageNumber(event.url);
	const result = await orHttpError(
		searchAuditLog(getDb(), actor, {
			actor: filter.actor || undefined,
			action: filter.action || undefined,
			entity: filter.entity || undefined,
			entityId: filter.entityId || undefined,
			fromDate: filter.fromDate || undefined,
			toDate: filter.toDate || undefined,
			page,
			pageSize: PAGE_SIZE
		})
	);
	return { ...result, filter, page, pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)) };
};
