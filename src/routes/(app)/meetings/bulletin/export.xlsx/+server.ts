import { error } from '@sveltejs/kit';
import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { orHttpError, requireActor } from '$lib/server/http';
import { periodAttendance, resolvePeriodQuery } from '$lib/server/checkin/checkin.service';
import { buildBulletinWorkbook, periodBulletinBook } from '$lib/server/checkin/bulletin-xlsx';
import { getSettings } from '$lib/server/settings/settings.service';
import { xlsxResponse } from '$lib/server/xlsx';
import { periodQueryParams } from '../period-query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const query = await resolvePeriodQuery(db, periodQueryParams(event.url));
	const result = await orHttpError(
		periodAttendance(db, actor, query).catch((e) => {
			if (e instanceof ValidationError) error(400, e.message);
			throw e;
		})
	);
	await auditExport(db, actor, {
		action: 'meeting.bulletin_export',
		entity: 'meeting_period',
		changes: { from: query.fromDate, to: query.toDate, department: query.departmentId ?? null }
	});
	const { officeName } = await getSettings(db);
	const book = periodBulletinBook(officeName, result, query);
	return xlsxResponse(await buildBulletinWorkbook(book), `${book.title}.xlsx`, 'bulletin.xlsx');
};
