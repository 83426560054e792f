import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB } from '../db';
import { likeContains } from '../db/like';
import type { Database } from '../db/schema';
import { MAX_MEETING_SPAN_DAYS } from './calendar.repository';
import {
	selectMeetingSummaries,
	toMeetingListItem,
	type MeetingListItem
} from './meetings.repository';
import type { ContentVisibility } from './visibility.repository';

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
	/** Whether to count every match (a paged list) or only fetch the page (a short list). */
	count?: boolean;
	/** Only meetings whose content the viewer may see (contentVisibleTo): the rest never match. */
	visible?: ContentVisibility;
}

type EB = ExpressionBuilder<Database, 'meetings'>;

/** The filter as one condition on `meetings`, shared by the count and the page. */
function matches(eb: EB, f: MeetingFilter): Expression<SqlBool> {
	const all: Expression<SqlBool>[] = [];
	if (f.userId) {
		const uid = f.userId;
		all.push(
			eb.or([
				eb('meetings.host_id', '=', uid),
				eb('meetings.recorder_id', '=', uid),
				eb('meetings.created_by', '=', uid),
				// Two EXISTS, not one with an OR inside: each probes its own index.
				eb.exists(
					eb
						.selectFrom('meeting_participants as p')
						.select('p.id')
						.whereRef('p.meeting_id', '=', 'meetings.id')
						.where('p.user_id', '=', uid)
				),
				eb.exists(
					eb
						.selectFrom('meeting_participants as p')
						.select('p.id')
						.whereRef('p.meeting_id', '=', 'meetings.id')
						.where('p.deputy_id', '=', uid)
				)
			])
		);
	}
	if (f.departmentId) {
		const did = f.departmentId;
		all.push(
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
	if (!f.includeDrafts) all.push(eb('meetings.status', '!=', 'draft'));
	if (f.typeId) all.push(eb('meetings.type_id', '=', f.typeId));
	if (f.status) all.push(eb('meetings.status', '=', f.status));
	if (f.from) {
		// The lower bound on starts_at lets the index bound the scan (meetings are ≤ 31 days).
		const earliest = new Date(Date.parse(f.from) - MAX_MEETING_SPAN_DAYS * 86_400_000);
		all.push(eb('meetings.ends_at', '>', f.from));
		all.push(eb('meetings.starts_at', '>', earliest.toISOString()));
	}
	if (f.to) all.push(eb('meetings.starts_at', '<', f.to));
	if (f.q) all.push(likeContains('meetings.title', f.q));
	if (f.visible) all.push(f.visible(eb));
	return eb.and(all);
}

/** One page of matching meetings, and how many match (the count joins nothing). */
export async function findMeetings(
	db: DB,
	f: MeetingFilter
): Promise<{ rows: MeetingListItem[]; total: number }> {
	const order = f.order ?? 'desc';
	const page = selectMeetingSummaries(db)
		.where((eb) => matches(eb, f))
		.orderBy('meetings.starts_at', order)
		.orderBy('meetings.id', order)
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize)
		.execute();
	const count =
		f.count === false
			? null
			: db
					.selectFrom('meetings')
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.where((eb) => matches(eb, f))
					.executeTakeFirstOrThrow();
	const [rows, total] = await Promise.all([page, count]);
	return { rows: rows.map(toMeetingListItem), total: total ? Number(total.n) : rows.length };
}

/** Which of these meetings pass the visibility condition. */
export async function findVisibleMeetingIds(
	db: DB,
	ids: number[],
	visible: ContentVisibility
): Promise<Set<number>> {
	if (!ids.length) return new Set();
	const rows = await db
		.selectFrom('meetings')
		.select('meetings.id')
		.where('meetings.id', 'in', ids)
		.where(visible)
		.execute();
	return new Set(rows.map((r) => r.id));
}

/** Replies still owed by a user in issued meetings that have not started yet. */
export async function findPendingReplies(
	db: DB,
	userId: number,
	now: string
): Promise<MeetingListItem[]> {
	const rows = await selectMeetingSummaries(db)
		.innerJoin('meeting_participants as p', 'p.meeting_id', 'meetings.id')
		.where('p.user_id', '=', userId)
		.where('p.reply', '=', 'pending')
		.where('meetings.status', '=', 'issued')
		.where('meetings.starts_at', '>', now)
		.orderBy('meetings.starts_at')
		.limit(20)
		.execute();
	return rows.map(toMeetingListItem);
}

/** Deputy confirmations a user owes: named as deputy in issued meetings still open to replies. */
export async function findPendingDeputyConfirmations(
	db: DB,
	userId: number,
	now: string
): Promise<(MeetingListItem & { principalName: string })[]> {
	const rows = await selectMeetingSummaries(db)
		.innerJoin('meeting_participants as p', 'p.meeting_id', 'meetings.id')
		.innerJoin('users as principal', 'principal.id', 'p.user_id')
		.select('principal.name as principal_name')
		.where('p.deputy_id', '=', userId)
		.where('p.reply', '=', 'deputy')
		.where('p.deputy_confirmed_at', 'is', null)
		.where('meetings.status', '=', 'issued')
		.where('meetings.starts_at', '>', now)
		.where((eb) =>
			eb.or([eb('meetings.reply_deadline', 'is', null), eb('meetings.reply_deadline', '>', now)])
		)
		.orderBy('meetings.starts_at')
		.limit(20)
		.execute();
	return rows.map((r) => ({ ...toMeetingListItem(r), principalName: r.principal_name }));
}
