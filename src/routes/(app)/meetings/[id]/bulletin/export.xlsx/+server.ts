import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { meetingAttendance } from '$lib/server/checkin/checkin.service';
import { buildBulletinWorkbook, meetingBulletinBook } from '$lib/server/checkin/bulletin-xlsx';
import { getSettings } from '$lib/server/settings/settings.service';
import { xlsxResponse } from '$lib/server/xlsx';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const id = idParam(event.params.id);
	const db = getDb();
	const attendance = await orHttpError(meetingAttendance(db, actor, id));
	await auditExport(db, actor, {
		action: 'meeting.bulletin_export',
		entity: 'meeting',
		entityId: id
	});
	const { officeName, timeZone } = await getSettings(db);
	const book = meetingBulletinBook(officeName, attendance, timeZone);
	return xlsxResponse(await buildBulletinWorkbook(book), `${book.title}.xlsx`, 'bulletin.xlsx');
};
