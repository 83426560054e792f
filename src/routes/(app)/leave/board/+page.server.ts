import { getDb } from '$lib/server/db';
import { orHttpError, queryParams, requireActor } from '$lib/server/http';
import { leaveBoard } from '$lib/server/leave/board.query';
import type { PageServerLoad } from './$types';

/** 在岗情况: ?date=YYYY-MM-DD (today when absent). */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const date = queryParams(event.url).date('date');
	return { board: await orHttpError(leaveBoard(getDb(), actor, { date })) };
};
