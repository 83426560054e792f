import type { DB } from '../db';
import { MAX_MEETING_SPAN_DAYS } from './calendar.repository';
import { selectMeetings } from './meetings.repository';

export interface MeetingFilter {
	/** Whose meetings: the user's own (participant, deputy, host, recorder, creator) or all. */
	userId?: number;
	departmentId?: number;
	includeDrafts: boolean;
	typeId?: number;
	status?: 'draft' | 'issued' | 'cancelled';
	from?: string;
	to?: string;
	q?: string;
	/** Oldest first (upcoming lists) or newest first (the default, for browsing). */
	order?: 'asc' | 'desc';
	page: number;
	pageSize: number;
}

export async function findMeetings(db: DB, f: MeetingFilter) {
	let q = selectMeetings(db);
	if (f.userId) {
		const uid = f.userId;
		q = q.where((eb) =>
			eb.or([
				eb('meetings.host_id', '=', uid),
				eb('meetings.recorder_id', '=', uid),
				eb('meetings.created_by', '=', uid),
				eb.exists(
					eb
						.selectFrom('meeting_participants as p')
						.select('p.id')
						.whereRef('p.meeting_id', '=', 'meetings.id')
						.where((e2) => e2.or([e2('p.user_id', '=', uid), e2('p.deputy_id', '=', uid)]))
				)
			])
		);
	}
	if (f.departmentId) {
		const did = f.departmentId;
		q = q.where((eb) =>
			eb.exists(
				eb
					.selectFrom('meeting_participants as p')
					.innerJoin('users as pu', 'pu.id', 'p.user_id')
					.select('p.id')
					.whereRef('p.meeting_id', '=', 'meetings.id')
					.where('pu.department_id', '=', did)
			)
		);
	}
	if (!f.includeDrafts) q = q.where('meetings.status', '!=', 'draft');
	if (f.typeId) q = q.where('meetings.type_id', '=', f.typeId);
	if (f.status) q = q.where('meetings.status', '=', f.status);
	if (f.from) {
		// The lower bound on starts_at lets the index bound the scan (meetings are ≤ 31 days).
		const earliest = new Date(Date.parse(f.from) - MAX_MEETING_SPAN_DAYS * 86_400_000);
		q = q
			.where('meetings.ends_at', '>', f.from)
			.where('meetings.starts_at', '>', earliest.toISOString());
	}
	if (f.to) q = q.where('meetings.starts_at', '<', f.to);
	if (f.q) q = q.where('meetings.title', 'like', `%${f.q}%`);
	const total = await q
		.clearSelect()
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const rows = await q
		.orderBy('meetings.starts_at', f.order ?? 'desc')
		.orderBy('meetings.id', f.order ?? 'desc')
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize)
		.execute();
	return { rows, total: Number(total.n) };
}

/** Replies still owed by a user in issued meetings that have not started yet. */
export async function findPendingReplies(db: DB, userId: number, now: string) {
	return selectMeetings(db)
		.innerJoin('meeting_participants as p', 'p.meeting_id', 'meetings.id')
		.where('p.user_id', '=', userId)
		.where('p.reply', '=', 'pending')
		.where('meetings.status', '=', 'issued')
		.where('meetings.starts_at', '>', now)
		.orderBy('meetings.starts_at')
		.limit(20)
		.execute();
}

export async function listMeetingTypes(db: DB) {
	return db
		.selectFrom('meeting_types')
		.selectAll()
		.where('is_active', '=', true)
		.orderBy('sort_order')
		.execute();
}
