import { requirePageRole } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	// The office follows up on undelivered notices too, so it may read the outbox.
	if (event.url.pathname.startsWith('/admin/outbox')) requirePageRole(event, 'admin', 'office');
	else requirePageRole(event, 'admin');
	return {};
};
