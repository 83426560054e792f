import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { myLeavePage } from '$lib/server/leave/requests.query';
import type { PageServerLoad } from './$types';

/** 请销假: my balances of the year, my requests and the leave pages I may open. */
export const load: PageServerLoad = async (event) => {
	return myLeavePage(getDb(), requireActor(event));
};
