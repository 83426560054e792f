import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { orHttpError, queryParams, requireActor } from '$lib/server/http';
import { departmentLeaveMonth } from '$lib/server/leave/calendar.query';
import type { PageServerLoad } from './$types';

/** The department leave calendar: ?department=<id>&month=YYYY-MM (both optional). */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const q = queryParams(event.url);
	const month = q.text('month', 7);
	if (month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) error(400, m.leavelink_cal_err_month());
	const calendar = await orHttpError(
		departmentLeaveMonth(
			getDb(),
			actor,
			{ month: month || null, departmentId: q.id('department') ?? null },
			event.locals
		)
	);
	return { calendar };
};
