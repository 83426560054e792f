import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { myLeavePage } from '$lib/server/leave/requests.query';
import { canManageLeave } from '$lib/server/permissions';
import type { PageServerLoad } from './$types';

/** 请销假: my balances of the year, my requests and the leave pages I may open. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { ...(await myLeavePage(getDb(), actor)), mayManageQuotas: canManageLeave(actor) };
};
