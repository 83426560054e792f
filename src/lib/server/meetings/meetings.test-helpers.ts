import { dayFromNow } from '../testing/dates';
import type { DB } from '../db';
import type { MeetingPlanInput } from './meetings.schema';
import { meetingTypeId, newRoom } from '../testing/meeting-fixtures';

/** A complete plan form as the browser would post it, for a meeting in a week, 09:30–11:00. */
export async function planForm(
	db: DB,
	o: Omit<Partial<MeetingPlanInput>, 'attendeeIds' | 'roomId'> & {
		attendeeIds?: number[];
		roomId?: number | null;
	} = {}
): Promise<MeetingPlanInput> {
	const roomId = o.roomId === undefined ? await newRoom(db, { capacity: 30 }) : o.roomId;
	return {
		title: '2026年第12次局务会议',
		typeId: String(await meetingTypeId(db)),
		date: dayFromNow(7),
		startTime: '09:30',
		endTime: '11:00',
		classification: 'none',
		agendaTitle: ['研究年终工作', ''],
		agendaPresenter: ['办公室', ''],
		agendaMinutes: ['30', ''],
		requirements: '请提前十分钟到场',
		contactName: '王芳',
		contactPhone: '0571-88880000',
		logisticsItem: ['会场布置'],
		logisticsOwner: [''],
		...o,
		roomId: roomId ? String(roomId) : '',
		attendeeIds: (o.attendeeIds ?? []).map(String)
	};
}

/** Outbox rows as written (a test's look at the database; the app reads them in mail/). */
export async function outboxRows(db: DB) {
	return db.selectFrom('outbox').selectAll().orderBy('id').execute();
}
