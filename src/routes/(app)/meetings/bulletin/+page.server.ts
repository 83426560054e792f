import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { requirePage } from '$lib/server/http';
import {
	getMeetingTypesForFilter,
	periodAttendance,
	resolvePeriodQuery
} from '$lib/server/checkin/checkin.service';
import { getDepartments } from '$lib/server/org/departments.service';
import { canSeeBulletins } from '$lib/server/permissions';
import { periodQueryParams } from './period-query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canSeeBulletins);
	const db = getDb();
	const query = await resolvePeriodQuery(db, periodQueryParams(event.url));
	const options = {
		departments: (await getDepartments(db)).filter((d) => d.isActive),
		types: await getMeetingTypesForFilter(db)
	};
	try {
		return { ...options, query, result: await periodAttendance(db, actor, query), problem: null };
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return { ...options, query, result: null, problem: e.message };
	}
};
