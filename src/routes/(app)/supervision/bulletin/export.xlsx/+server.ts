import { error } from '@sveltejs/kit';
import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { orHttpError, requirePage } from '$lib/server/http';
import { canSeeAllSupervision } from '$lib/server/permissions';
import { getSettings } from '$lib/server/settings/settings.service';
import {
	buildSupervisionBulletinWorkbook,
	bulletinXlsxTitle
} from '$lib/server/supervision/bulletin-xlsx';
import { getSupervisionBulletin } from '$lib/server/supervision/bulletin.query';
import { xlsxResponse } from '$lib/server/xlsx';
import { bulletinParams } from '../period-query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requirePage(event, canSeeAllSupervision);
	const db = getDb();
	const bulletin = await orHttpError(
		getSupervisionBulletin(db, actor, bulletinParams(event.url)).catch((e) => {
			if (e instanceof ValidationError) error(400, e.message);
			throw e;
		})
	);
	await auditExport(db, actor, {
		action: 'supervision.bulletin_export',
		entity: 'supervision',
		changes: { from: bulletin.period.fromDate, to: bulletin.period.toDate }
	});
	const { officeName } = await getSettings(db);
	const body = await buildSupervisionBulletinWorkbook(officeName, bulletin);
	return xlsxResponse(
		body,
		`${bulletinXlsxTitle(officeName, bulletin)}.xlsx`,
		'supervision-bulletin.xlsx'
	);
};
