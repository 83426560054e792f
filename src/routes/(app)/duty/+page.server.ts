import { getDb } from '$lib/server/db';
import { canManageDuty, canReadDutyLog } from '$lib/server/permissions';
import { listPeriods } from '$lib/server/duty/periods.query';
import { myUpcomingShifts } from '$lib/server/duty/roster.query';
import { requireActor } from '$lib/server/http';
import { getSettings } from '$lib/server/settings/settings.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const [periods, upcoming, { timeZone }] = await Promise.all([
		listPeriods(db, actor),
		myUpcomingShifts(db, actor, 10),
		getSettings(db)
	]);
	return {
		periods,
		upcoming,
		timeZone,
		canManage: canManageDuty(actor),
		canReadLogs: canReadDutyLog(actor)
	};
};
