import { isClassified, meetingPhase } from '$lib/domain/meetings';
import { nextDate, zonedToInstant } from '$lib/domain/zoned-time';
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { CLASSIFIED_LABEL } from '$lib/domain/invite';
import type { Actor } from '../actor';
import { recordHistory } from '../audit.service';
import { findAuditNames } from '../audit-names';
import type { DB } from '../db';
import { dutyShiftsOverlapping } from '../duty/roster.service';
import { approvedLeaveOverlapping, leaveDatesWords, leaveTypeWords } from '../leave/links.service';
import { ForbiddenError } from '../errors';
import { getSettings } from '../settings/settings.service';
import { canManageMeeting, canPlanMeetings, canSeeAllMeetings } from '../permissions';
import { visibleMeeting, type VisibleMeeting } from './access';
import { contentVisibleTo } from './visibility.repository';
import {
	findMeetings,
	findPendingReplies,
	findVisibleMeetingIds,
	type MeetingFilter
} from './meetings-list.repository';
import {
	agendaRead,
	listLogistics,
	toAgendaItem,
	type MeetingListItem
} from './meetings.repository';
import { attachmentsRead, toAttachmentMeta } from './attachments.repository';
import { readTogether } from '../db/json-rows';
import {
	findBusyParticipants,
	listParticipants,
	participantsRead,
	toParticipant,
	type Participant
} from './participants.repository';
import * as clock from '../clock';

export type Scope = 'mine' | 'department' | 'all';

/** A meeting as a list row shows it (a full `Meeting` has every field this reads). */
export function summarise(m: MeetingListItem, now = clock.now()) {
	return {
		id: m.id,
		title: m.title,
		type: m.typeName,
		status: m.status,
		phase: meetingPhase(m, now),
		startsAt: m.startsAt,
		endsAt: m.endsAt,
		place: m.roomName ?? m.location,
		classification: m.classification,
		organiser: m.organiserDepartmentName,
		host: m.hostName
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
export async function getMeetingDetail(db: DB, actor: Actor, meetingOrId: number | VisibleMeeting) {
	const meeting = await visibleMeeting(db, actor, meetingOrId);
	const id = meeting.id;
	const manage = canManageMeeting(actor, meeting);
	// The whole list only for those shown it; anyone else reads just their own rows (their
	// reply, and the people they go for as deputy), not 500 participants.
	const wholeList = manage || meeting.hostId === actor.id;
	// Independent reads: the participants, agenda and materials in one statement (on
	// PostgreSQL two round trips fewer, readTogether); the organiser's extras beside it.
	const [parts, logistics, history] = await Promise.all([
		readTogether(db, {
			participants: participantsRead(db, id, wholeList ? undefined : actor.id),
			agenda: agendaRead(db, id),
			attachments: attachmentsRead(db, id)
		}),
		manage ? listLogistics(db, id) : [],
		manage ? recordHistory(db, 'meeting', String(id)) : []
	]);
	const participants = parts.participants.map(toParticipant);
	const agenda = parts.agenda.map(toAgendaItem);
	const attachments = parts.attachments.map(toAttachmentMeta);
	const mine = participants.find((p) => p.userId === actor.id) ?? null;
	const deputyFor = participants.filter((p) => p.reply === 'deputy' && p.deputyId === actor.id);
	const ids = participants.map((p) => p.userId);
	const [busy, onDuty, onLeave] = manage
		? await Promise.all([
				findBusyParticipants(db, ids, meeting.startsAt, meeting.endsAt, id),
				dutyShiftsOverlapping(db, ids, meeting.startsAt, meeting.endsAt),
				getSettings(db).then((s) =>
					approvedLeaveOverlapping(db, ids, meeting.startsAt, meeting.endsAt, s.timeZone)
				)
			])
		: [[], [], []];
	// The other meetings' titles only where the planner may see them (drafts, 秘密/机密).
	const seen = await findVisibleMeetingIds(
		db,
		[...new Set(busy.map((b) => b.meetingId))],
		contentVisibleTo(actor)
	);
	return {
		meeting: { ...summarise(meeting), ...meeting },
		agenda,
		logistics,
		participants: wholeList ? participants.map(replyRow) : [],
		mine: mine && replyRow(mine),
		deputyFor: deputyFor.map(replyRow),
		canManage: manage,
		overCapacity:
			manage && meeting.roomCapacity != null && participants.length > meeting.roomCapacity
				? { capacity: meeting.roomCapacity, count: participants.length }
				: null,
		conflicts: [
			...busy.map((b) => ({
				userName: b.userName,
				href: `/meetings/${b.meetingId}`,
				title: seen.has(b.meetingId)
					? b.title
					: isClassified(b.classification)
						? CLASSIFIED_LABEL
						: m.meeting_conflict_hidden(),
				startsAt: b.startsAt,
				endsAt: b.endsAt
			})),
			// PRODUCT.md: warn when a participant has a duty shift at that time.
			...onDuty.map((d) => ({
				userName: d.userName,
				href: `/duty/${d.periodId}`,
				title: m.meeting_conflict_duty({ period: d.periodName }),
				startsAt: d.startsAt,
				endsAt: d.endsAt
			})),
			// PRODUCT.md: warn when a participant has approved leave (请假) then.
			...onLeave.map((l) => ({
				userName: l.userName,
				href: `/leave/${l.leaveId}`,
				title: m.leavelink_conflict({
					type: leaveTypeWords(l.type)({ locale: getLocale() }),
					dates: leaveDatesWords(l)({ locale: getLocale() })
				}),
				startsAt: l.from,
				endsAt: l.to
			}))
		],
		history,
		historyNames: await findAuditNames(db, history),
		attachments
	};
}

/**
 * The 会议通知 as printed: the meeting and agenda, who attends (as the usual layout names them,
 * for everyone who may see the meeting), 主送 — the departments of those invited, by rank — and
 * the materials' names.
 */
export async function getMeetingNotice(db: DB, actor: Actor, id: number) {
	const d = await getMeetingDetail(db, actor, id);
	const people = await listParticipants(db, id);
	const names = (role: Participant['role']) =>
		people.filter((p) => p.role === role).map((p) => p.name);
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
