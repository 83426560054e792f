import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { orHttpError, requireActor } from '$lib/server/http';
import { periodAttendance, resolvePeriodQuery } from '$lib/server/checkin/checkin.service';
import { buildBulletinWorkbook, periodBulletinBook } from '$lib/server/checkin/bulletin-xlsx';
import { getSettings } from '$lib/server/settings/settings.service';
import { xlsxResponse } from '$lib/server/xlsx';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const sp = event.url.searchParams;
	const query = await resolvePeriodQuery(db, {
		from: sp.get('from'),
		to: sp.get('to'),
		department: sp.get('department'),
		type: sp.get('type')
	});
	const result = await orHttpError(
		periodAttendance(db, actor, query).catch((e) => {
			if (e instanceof ValidationError) error(400, e.message);
			throw e;
		})
	);
	const { officeName } = await getSettings(db);
	const book = periodBulletinBook(officeName, result, query);
	return xlsxResponse(await buildBulletinWorkbook(book), `${book.title}.xlsx`, 'bulletin.xlsx');
};
