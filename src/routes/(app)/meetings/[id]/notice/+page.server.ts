import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { getMeetingNotice } from '$lib/server/meetings/meetings.query';
import { meetingIdOf } from '../../params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const id = meetingIdOf(event.params);
	const notice = await orHttpError(getMeetingNotice(db, actor, id));
	await auditExport(db, actor, { action: 'meeting.notice_print', entity: 'meeting', entityId: id });
	return notice;
};
