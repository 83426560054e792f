import type { DB } from '../db';

/** What came of one REPLY mail (see calendar-replies.service ingestReply). */
export type ReplyOutcome =
	| 'attend'
	| 'excused'
	| 'tentative'
	| 'unchanged'
	| 'duplicate'
	| 'spoofed'
	| 'old_sequence'
	| 'unknown_meeting'
	| 'not_participant'
	| 'deputy'
	| 'refused'
	| 'unsupported'
	| 'invalid';

export interface HandledReply {
	id: number;
	messageId: string;
	meetingId: number | null;
	meetingTitle: string | null;
	userId: number | null;
	userName: string | null;
	sender: string;
	attendee: string;
	partstat: string;
	sequence: number | null;
	outcome: ReplyOutcome;
	note: string;
	receivedAt: string;
}

/**
 * Claims a mail by its Message-ID: true when this call inserted the row. The unique key is the
 * compare-and-set — a second process (or a second poll) ingesting the same mail gets false,
 * on PostgreSQL after the first one's transaction ends.
 */
export async function claimReplyMessage(
	db: DB,
	messageId: string,
	at: string
): Promise<number | null> {
	const row = await db
		.insertInto('calendar_replies')
		.values({ message_id: messageId, outcome: 'invalid', received_at: at })
		.onConflict((oc) => oc.column('message_id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return row?.id ?? null;
}

export async function recordReplyOutcome(
	db: DB,
	id: number,
	r: {
		meetingId: number | null;
		userId: number | null;
		sender: string;
		attendee: string;
		partstat: string;
		sequence: number | null;
		outcome: ReplyOutcome;
		note: string;
	}
): Promise<void> {
	await db
		.updateTable('calendar_replies')
		.set({
			meeting_id: r.meetingId,
			user_id: r.userId,
			sender: r.sender.slice(0, 255),
			attendee: r.attendee.slice(0, 255),
			partstat: r.partstat.slice(0, 20),
			sequence: r.sequence,
			outcome: r.outcome,
			note: r.note.slice(0, 500)
		})
		.where('id', '=', id)
		.execute();
}

/**
 * The meeting a calendar UID belongs to. Meetings keep the UID their invites carry
 * (meetings.uid, unique); this one read of the meetings table is the mail module's, by the
 * only key a mail carries.
 */
export async function findMeetingIdByUid(db: DB, uid: string): Promise<number | null> {
	const row = await db
		.selectFrom('meetings')
		.select('id')
		.where('uid', '=', uid)
		.executeTakeFirst();
	return row?.id ?? null;
}

/** The latest note a person's calendar left on a meeting (a TENTATIVE), or null. */
export async function lastTentative(
	db: DB,
	meetingId: number,
	userId: number
): Promise<{ note: string; receivedAt: string } | null> {
	const row = await db
		.selectFrom('calendar_replies')
		.select(['outcome', 'note', 'received_at'])
		.where('meeting_id', '=', meetingId)
		.where('user_id', '=', userId)
		.where('outcome', 'in', ['attend', 'excused', 'tentative'])
		.orderBy('id', 'desc')
		.executeTakeFirst();
	return row?.outcome === 'tentative' ? { note: row.note, receivedAt: row.received_at } : null;
}

/** Tentative notes on a meeting by person (their latest handled answer is TENTATIVE). */
export async function tentativeNotesOf(
	db: DB,
	meetingId: number
): Promise<Map<number, { note: string; receivedAt: string }>> {
	const rows = await db
		.selectFrom('calendar_replies')
		.select(['user_id', 'outcome', 'note', 'received_at'])
		.where('meeting_id', '=', meetingId)
		.where('outcome', 'in', ['attend', 'excused', 'tentative'])
		.orderBy('id', 'asc')
		.execute();
	const out = new Map<number, { note: string; receivedAt: string }>();
	for (const r of rows) {
		if (r.user_id == null) continue;
		if (r.outcome === 'tentative') out.set(r.user_id, { note: r.note, receivedAt: r.received_at });
		else out.delete(r.user_id);
	}
	return out;
}

export async function listHandledReplies(db: DB, limit: number): Promise<HandledReply[]> {
	const rows = await db
		.selectFrom('calendar_replies as c')
		.leftJoin('meetings as mt', 'mt.id', 'c.meeting_id')
		.leftJoin('users as u', 'u.id', 'c.user_id')
		.select([
			'c.id',
			'c.message_id',
			'c.meeting_id',
			'mt.title as meeting_title',
			'c.user_id',
			'u.name as user_name',
			'c.sender',
			'c.attendee',
			'c.partstat',
			'c.sequence',
			'c.outcome',
			'c.note',
			'c.received_at'
		])
		.orderBy('c.id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		messageId: r.message_id,
		meetingId: r.meeting_id,
		meetingTitle: r.meeting_title,
		userId: r.user_id,
		userName: r.user_name,
		sender: r.sender,
		attendee: r.attendee,
		partstat: r.partstat,
		sequence: r.sequence,
		outcome: r.outcome as ReplyOutcome,
		note: r.note,
		receivedAt: r.received_at
	}));
}

export interface PollStatus {
	polledAt: string;
	ok: boolean;
	fetched: number;
	handled: number;
	error: string;
}

export async function savePollStatus(db: DB, source: string, s: PollStatus): Promise<void> {
	const values = {
		polled_at: s.polledAt,
		is_ok: s.ok,
		fetched: s.fetched,
		handled: s.handled,
		error: s.error.slice(0, 500)
	};
	await db
		.insertInto('calendar_reply_polls')
		.values({ source, ...values })
		.onConflict((oc) => oc.column('source').doUpdateSet(values))
		.execute();
}

export async function findPollStatus(db: DB, source: string): Promise<PollStatus | null> {
	const r = await db
		.selectFrom('calendar_reply_polls')
		.selectAll()
		.where('source', '=', source)
		.executeTakeFirst();
	return r
		? { polledAt: r.polled_at, ok: r.is_ok, fetched: r.fetched, handled: r.handled, error: r.error }
		: null;
}
