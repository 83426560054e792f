import { getDb } from '$lib/server/db';
import { requirePage } from '$lib/server/http';
import { canRequestLeave } from '$lib/server/permissions';
import * as clock from '$lib/server/clock';
import { officeDate } from '$lib/server/settings/settings.service';
import { decidedItems, inboxItems } from '$lib/server/approval/approval.query';
import { getSettings } from '$lib/server/settings/settings.service';
import type { PageServerLoad } from './$types';

const DAY_MS = 86_400_000;

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canRequestLeave);
	const db = getDb();
	const now = clock.now();
	const today = await officeDate(db, now);
	const tab = event.url.searchParams.get('tab') === 'decided' ? 'decided' : 'pending';
	const [items, decided, { timeZone }] = await Promise.all([
		inboxItems(db, actor, today),
		tab === 'decided'
			? decidedItems(db, actor, new Date(now.getTime() - 90 * DAY_MS).toISOString())
			: Promise.resolve([]),
		getSettings(db)
	]);
	return { tab, items, decided, timeZone };
};
