import { isClassified, meetingPhase } from '$lib/domain/meetings';
import { nextDate, zonedToInstant } from '$lib/domain/zoned-time';
import * as m from '$lib/paraglide/messages';
import { CLASSIFIED_LABEL } from '$lib/domain/invite';
import type { Actor } from '../actor';
import { findAuditEntries } from '../audit.repository';
import { findAuditNames } from '../audit-names';
import type { DB } from '../db';
import { findDutyShiftsOverlapping } from '../duty/assignments.repository';
import { ForbiddenError } from '../errors';
import { getSettings } from '../settings/settings.service';
import { canManageMeeting, canPlanMeetings, canSeeAllMeetings } from '../permissions';
import { loadVisibleMeeting } from './access';
import { contentVisibleTo } from './visibility';
import {
	findMeetings,
	findPendingReplies,
	findVisibleMeetingIds,
	type MeetingFilter
} from './meetings-list.repository';
import { listAgenda, listLogistics, type MeetingSummaryRow } from './meetings.repository';
import { attachmentView } from './attachments.service';
import { listAttachmentMeta } from './attachments.repository';
import {
	findBusyParticipants,
	listParticipants,
	type Participant
} from './participants.repository';
import * as clock from '../clock';

export type Scope = 'mine' | 'department' | 'all';

export function summarise(m: MeetingSummaryRow, now = clock.now()) {
	return {
		id: m.id,
		title: m.title,
		type: m.type_name,
		status: m.status,
		phase: meetingPhase({ status: m.status, startsAt: m.starts_at, endsAt: m.ends_at }, now),
		startsAt: m.starts_at,
		endsAt: m.ends_at,
		place: m.room_name ?? m.location,
		classification: m.classification,
		organiser: m.organiser_department_name,
		host: m.host_name
	};
}
export type MeetingSummary = ReturnType<typeof summarise>;

export async function searchMeetings(
	db: DB,
	actor: Actor,
	o: { scope: Scope; departmentId: number | null } & Omit<
		MeetingFilter,
		'userId' | 'departmentId' | 'includeDrafts' | 'from' | 'to' | 'visible'
	> & {
			fromDate?: string;
			toDate?: string;
		}
) {
	const planner = canPlanMeetings(actor);
	if (o.scope === 'all' && !canSeeAllMeetings(actor)) throw new ForbiddenError();
	const { timeZone } = await getSettings(db);
	const result = await findMeetings(db, {
		...o,
		userId: o.scope === 'mine' ? actor.id : undefined,
		departmentId: o.scope === 'department' ? (o.departmentId ?? -1) : undefined,
		includeDrafts: planner && o.scope === 'all',
		// A classified title must not show, nor be found by its words, to people not on it.
		visible: contentVisibleTo(actor),
		from: o.fromDate ? zonedToInstant(o.fromDate, '00:00', timeZone) : undefined,
		to: o.toDate ? zonedToInstant(nextDate(o.toDate), '00:00', timeZone) : undefined
	});
	return { total: result.total, meetings: result.rows.map((r) => summarise(r)) };
}

/** Everything the detail page shows; the participant list and history only to planners. */
export async function getMeetingDetail(db: DB, actor: Actor, id: number) {
	const meeting = await loadVisibleMeeting(db, actor, id);
	const manage = canManageMeeting(actor, { createdBy: meeting.created_by });
	// Independent reads: on PostgreSQL they go out together on the pool's connections.
	const [participants, agenda, logistics, history, attachments] = await Promise.all([
		listParticipants(db, id),
		listAgenda(db, id),
		manage ? listLogistics(db, id) : [],
		manage
			? findAuditEntries(db, {
					entity: 'meeting',
					entityId: String(id),
					page: 1,
					pageSize: 100
				}).then((r) => r.rows)
			: [],
		listAttachmentMeta(db, id)
	]);
	const mine = participants.find((p) => p.userId === actor.id) ?? null;
	const deputyFor = participants.filter((p) => p.reply === 'deputy' && p.deputyId === actor.id);
	const ids = participants.map((p) => p.userId);
	const [busy, onDuty] = manage
		? await Promise.all([
				findBusyParticipants(db, ids, meeting.starts_at, meeting.ends_at, id),
				findDutyShiftsOverlapping(db, ids, meeting.starts_at, meeting.ends_at)
			])
		: [[], []];
	// The other meetings' titles only where the planner may see them (drafts, 秘密/机密).
	const seen = await findVisibleMeetingIds(
		db,
		[...new Set(busy.map((b) => b.meeting_id))],
		contentVisibleTo(actor)
	);
	const historyEntries = history.map((h) => ({
		at: h.at,
		actor: h.actor_name,
		action: h.action,
		entity: h.entity,
		entityId: h.entity_id,
		changes: JSON.parse(h.changes) as Record<string, unknown>
	}));
	return {
		meeting: { ...summarise(meeting), ...meeting },
		agenda,
		logistics,
		participants: manage || meeting.host_id === actor.id ? participants.map(replyRow) : [],
		mine: mine && replyRow(mine),
		deputyFor: deputyFor.map(replyRow),
		canManage: manage,
		overCapacity:
			manage && meeting.room_capacity != null && participants.length > meeting.room_capacity
				? { capacity: meeting.room_capacity, count: participants.length }
				: null,
		conflicts: [
			...busy.map((b) => ({
				userName: b.user_name,
				href: `/meetings/${b.meeting_id}`,
				title: seen.has(b.meeting_id)
					? b.title
					: isClassified(b.classification)
						? CLASSIFIED_LABEL
						: m.meeting_conflict_hidden(),
				startsAt: b.starts_at,
				endsAt: b.ends_at
			})),
			// PRODUCT.md: warn when a participant has a duty shift at that time.
			...onDuty.map((d) => ({
				userName: d.userName,
				href: `/duty/${d.periodId}`,
				title: m.meeting_conflict_duty({ period: d.periodName }),
				startsAt: d.startsAt,
				endsAt: d.endsAt
			}))
		],
		history: historyEntries,
		historyNames: await findAuditNames(db, historyEntries),
		attachments: attachments.map(attachmentView)
	};
}

/** What the reply table shows of a participant: no e-mail addresses leave for the browser. */
function replyRow(p: Participant) {
	return {
		id: p.id,
		userId: p.userId,
		name: p.name,
		departmentName: p.departmentName,
		role: p.role,
		viaDepartmentId: p.viaDepartmentId,
		reply: p.reply,
		replyReason: p.replyReason,
		repliedAt: p.repliedAt,
		deputyId: p.deputyId,
		deputyName: p.deputyName,
		deputyConfirmedAt: p.deputyConfirmedAt,
		checkedInAt: p.checkedInAt
	};
}
export type ReplyRow = ReturnType<typeof replyRow>;

export async function myPendingReplies(db: DB, actor: Actor) {
	return (await findPendingReplies(db, actor.id, clock.nowIso())).map((r) => summarise(r));
}
