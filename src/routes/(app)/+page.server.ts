import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { myMeetingDashboard } from '$lib/server/meetings/home.query';
import { myUpcomingShifts } from '$lib/server/duty/roster.query';
import { getSettings } from '$lib/server/settings/settings.service';
import { myItems } from '$lib/server/supervision/supervision.query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const { timeZone } = await getSettings(db);
	const [dashboard, duty, supervision] = await Promise.all([
		myMeetingDashboard(db, actor, timeZone),
		myUpcomingShifts(db, actor, 3),
		myItems(db, actor, 100)
	]);
	// 工作台: the 督办 items I must answer, overdue first (the first five, and how many).
	const supervisionItems = {
		top: supervision.items.slice(0, 5),
		count: supervision.items.length
	};
	return { dashboard, duty, supervisionItems };
};
