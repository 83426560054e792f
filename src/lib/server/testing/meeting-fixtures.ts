import { randomUUID } from 'node:crypto';
import type { DB } from '../db';
import type { Classification, MeetingStatus, ParticipantRole, ReplyKind } from '../db/schema';
import { nowIso } from '../clock';

let seq = 0;

export async function newRoom(
	db: DB,
	o: { name?: string; capacity?: number; location?: string } = {}
): Promise<number> {
	seq++;
	const r = await db
		.insertInto('rooms')
		.values({
			name: o.name ?? `第${seq}会议室`,
			capacity: o.capacity ?? 20,
			location: o.location ?? `机关大楼${seq}楼`
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function meetingTypeId(db: DB, name = '局务会议'): Promise<number> {
	const r = await db
		.selectFrom('meeting_types')
		.select('id')
		.where('name', '=', name)
		.executeTakeFirstOrThrow();
	return r.id;
}

/** A meeting row as the meetings service would store it (no notice or mail is sent). */
export async function newMeeting(
	db: DB,
	o: {
		createdBy: number;
		title?: string;
		startsAt?: string;
		endsAt?: string;
		roomId?: number | null;
		status?: MeetingStatus;
		classification?: Classification;
		hostId?: number | null;
		typeName?: string;
	}
): Promise<number> {
	seq++;
	const now = nowIso();
	const startsAt = o.startsAt ?? '2026-12-01T01:30:00.000Z';
	const r = await db
		.insertInto('meetings')
		.values({
			uid: `${randomUUID()}@huiban`,
			title: o.title ?? `测试会议${seq}`,
			type_id: await meetingTypeId(db, o.typeName),
			status: o.status ?? 'issued',
			starts_at: startsAt,
			ends_at: o.endsAt ?? new Date(new Date(startsAt).getTime() + 3600_000).toISOString(),
			room_id: o.roomId ?? null,
			host_id: o.hostId ?? null,
			classification: o.classification ?? 'none',
			created_by: o.createdBy,
			created_at: now,
			updated_at: now,
			issued_at: (o.status ?? 'issued') === 'issued' ? now : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function addParticipant(
	db: DB,
	meetingId: number,
	userId: number,
	o: { role?: ParticipantRole; reply?: ReplyKind; deputyId?: number; reason?: string } = {}
): Promise<number> {
	const r = await db
		.insertInto('meeting_participants')
		.values({
			meeting_id: meetingId,
			user_id: userId,
			role: o.role ?? 'attendee',
			reply: o.reply ?? 'pending',
			deputy_id: o.deputyId ?? null,
			reply_reason: o.reason ?? ''
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}
