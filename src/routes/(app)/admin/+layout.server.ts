import { requirePageRole } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	requirePageRole(event, 'admin');
	return {};
};
