import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { myMeetingDashboard } from '$lib/server/meetings/home';
import { getSettings } from '$lib/server/settings/settings.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const { timeZone } = await getSettings(db);
	return { dashboard: await myMeetingDashboard(db, actor, timeZone) };
};
