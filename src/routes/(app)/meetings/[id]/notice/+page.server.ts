import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { getMeetingDetail } from '$lib/server/meetings/meetings.query';
import { listParticipants } from '$lib/server/meetings/participants.repository';
import { meetingIdOf } from '../../params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const id = meetingIdOf(event.params);
	const d = await orHttpError(getMeetingDetail(db, actor, id));
	await auditExport(db, actor, { action: 'meeting.notice_print', entity: 'meeting', entityId: id });
	// The printed notice names who attends (as the usual layout does), for everyone who may see it.
	const people = await listParticipants(db, id);
	const names = (role: string) => people.filter((p) => p.role === role).map((p) => p.name);
	// 主送: the departments of those invited, in the order the list gives them (by rank).
	const recipients = [
		...new Set(
			people
				.filter((p) => p.role !== 'staff')
				.map((p) => p.departmentName)
				.filter((n): n is string => !!n)
		)
	];
	return {
		meeting: d.meeting,
		agenda: d.agenda,
		attendees: names('attendee'),
		observers: names('observer'),
		recipients,
		attachments: d.attachments.map((a) => a.fileName)
	};
};
