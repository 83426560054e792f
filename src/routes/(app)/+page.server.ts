import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { myMeetingDashboard } from '$lib/server/meetings/home.query';
import { myUpcomingShifts } from '$lib/server/duty/roster.query';
import { getSettings } from '$lib/server/settings/settings.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const { timeZone } = await getSettings(db);
	const [dashboard, duty] = await Promise.all([
		myMeetingDashboard(db, actor, timeZone),
		myUpcomingShifts(db, actor, 3)
	]);
	return { dashboard, duty };
};
