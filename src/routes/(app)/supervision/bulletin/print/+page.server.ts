import { error } from '@sveltejs/kit';
import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { orHttpError, requirePage } from '$lib/server/http';
import { canSeeAllSupervision } from '$lib/server/permissions';
import { getSettings } from '$lib/server/settings/settings.service';
import { getSupervisionBulletin } from '$lib/server/supervision/bulletin.query';
import { bulletinParams } from '../period-query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canSeeAllSupervision);
	const db = getDb();
	const bulletin = await orHttpError(
		getSupervisionBulletin(db, actor, bulletinParams(event.url)).catch((e) => {
			if (e instanceof ValidationError) error(400, e.message);
			throw e;
		})
	);
	await auditExport(db, actor, {
		action: 'supervision.bulletin_print',
		entity: 'supervision',
		changes: { from: bulletin.period.fromDate, to: bulletin.period.toDate }
	});
	const { officeName, timeZone } = await getSettings(db);
	return { bulletin, officeName, timeZone, search: event.url.search };
};
