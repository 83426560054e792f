import { requirePage } from '$lib/server/http';
import { canAdminister, canManageOutbox } from '$lib/server/permissions';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	// The office follows up on undelivered notices too, so it may read the outbox.
	if (event.url.pathname.startsWith('/admin/outbox')) requirePage(event, canManageOutbox);
	else requirePage(event, canAdminister);
	return {};
};
