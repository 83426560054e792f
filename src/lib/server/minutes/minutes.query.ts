/**
 * The minutes pages' read models (纪要): the minutes page and the meeting page's 会议纪要 block.
 * Who may read a draft and who has a step to take are said once, below.
 */
import { attendanceLines, type AttendanceLines } from '$lib/domain/minutes';
import type { Actor } from '../actor';
import * as clock from '../clock';
import type { DB } from '../db';
import { isClassified, meetingPhase, type MeetingPhase } from '$lib/domain/meetings';
import { loadVisibleMeeting, participantsOf, type VisibleMeeting } from '../meetings/access';
import { minutesTemplateOf } from '../meetings/meeting-types.service';
import { loadAudience } from '../meetings/meetings.notify';
import { getDepartments } from '../org/departments.service';
import type { Meeting } from '../meetings/meetings.repository';
import {
	canApproveMinutes,
	canDraftMinutes,
	canIssueMinutes,
	canReadMinutesDraft
} from '../permissions';
import {
	findMinutesByMeeting,
	listDecisions,
	type Decision,
	type Minutes,
	type MinutesStatus
} from './minutes.repository';

/** Issued minutes for whoever may open the meeting; before issue only for the drafter, the
 * recorder, the host and the office; null when there are none this reader may see. */
function readableMinutes(
	actor: Actor,
	meeting: Meeting,
	found: Minutes | undefined
): Minutes | null {
	return found && (found.status === 'issued' || canReadMinutesDraft(actor, meeting, found))
		? found
		: null;
}

/** The steps this reader may take on the meeting's minutes now. */
function minutesSteps(actor: Actor, meeting: Meeting, minutes: Minutes | null) {
	const open = meeting.status === 'issued';
	return {
		canDraft: open && canDraftMinutes(actor, meeting) && (!minutes || minutes.status === 'draft'),
		canApprove: canApproveMinutes(actor, meeting) && minutes?.status === 'submitted',
		canIssue: open && canIssueMinutes(actor) && minutes?.status === 'approved'
	};
}

/** The meeting as the minutes' header shows it. */
export interface MinutesMeeting {
	id: number;
	title: string;
	typeName: string;
	startsAt: string;
	endsAt: string;
	place: string;
	hostName: string | null;
	recorderName: string | null;
	classification: Meeting['classification'];
	classified: boolean;
	phase: MeetingPhase;
}

/** What the meeting's minutes page reads. */
export interface MinutesView {
	meeting: MinutesMeeting;
	/** null: none yet, or a draft this reader may not see. */
	minutes: Minutes | null;
	decisions: Decision[];
	/** 出席 / 列席 / 请假 / 记录 from the meeting's replies. */
	attendance: AttendanceLines;
	canDraft: boolean;
	canApprove: boolean;
	canIssue: boolean;
	/** The meeting type's template, for a drafter whose draft has no body yet ('' otherwise). */
	template: string;
	/** The departments a decision may name (for a drafter; [] otherwise). */
	departments: { id: number; name: string }[];
	/** How many people are told when the minutes are issued (for the office; 0 otherwise). */
	audience: number;
}

/**
 * A meeting's minutes for whoever may open the meeting: issued minutes for all of them, the
 * minutes before issue only for the drafter, the recorder, the host and the office.
 */
export async function getMinutes(db: DB, actor: Actor, meetingId: number): Promise<MinutesView> {
	const meeting = await loadVisibleMeeting(db, actor, meetingId);
	const found = await findMinutesByMeeting(db, meetingId);
	const minutes = readableMinutes(actor, meeting, found);
	const participants = await participantsOf(db, meeting);
	const attendance = attendanceLines(
		participants.map((p) => ({
			name: p.name,
			role: p.role,
			reply: p.reply,
			reason: p.replyReason,
			deputyName: p.deputyName
		})),
		meeting.recorderName
	);
	const decisions = minutes ? await listDecisions(db, minutes.id) : [];
	// A department since deactivated stays choosable in a draft that already names it.
	const used = new Set(
		decisions.flatMap((d) => [d.leadDepartmentId, ...d.coDepartments.map((c) => c.id)])
	);
	const usedDepartment = (id: number) => used.has(id);
	const { canDraft, canApprove, canIssue } = minutesSteps(actor, meeting, minutes);
	return {
		meeting: {
			id: meeting.id,
			title: meeting.title,
			typeName: meeting.typeName,
			startsAt: meeting.startsAt,
			endsAt: meeting.endsAt,
			place: meeting.roomName ?? meeting.location,
			hostName: meeting.hostName,
			recorderName: meeting.recorderName,
			classification: meeting.classification,
			classified: isClassified(meeting.classification),
			phase: meetingPhase(meeting, clock.now())
		},
		minutes,
		decisions,
		attendance,
		canDraft,
		canApprove,
		canIssue,
		template: canDraft && !minutes?.body ? await minutesTemplateOf(db, meeting.typeId) : '',
		departments: canDraft
			? (await getDepartments(db))
					.filter((d) => d.isActive || usedDepartment(d.id))
					.map((d) => ({ id: d.id, name: d.name }))
			: [],
		audience: canIssue ? (await loadAudience(db, meeting)).length : 0
	};
}

/** What the meeting page shows of its minutes: the state, the number and, once issued, the decisions. */
export interface MinutesSummary {
	/** null: none yet, or a draft this reader may not see. */
	status: MinutesStatus | null;
	returned: boolean;
	number: string | null;
	decisions: Decision[];
	/** This reader has a step to take (draft, approve, issue). */
	actionable: boolean;
}

/** The meeting page's minutes block, for whoever may open the meeting (the page checked it). */
export async function getMinutesSummary(
	db: DB,
	actor: Actor,
	meeting: VisibleMeeting
): Promise<MinutesSummary> {
	const found = await findMinutesByMeeting(db, meeting.id);
	const minutes = readableMinutes(actor, meeting, found);
	const steps = minutesSteps(actor, meeting, minutes);
	return {
		status: minutes?.status ?? null,
		returned: minutes?.status === 'draft' && !!minutes.returnComment,
		number: minutes?.number ?? null,
		decisions: minutes?.status === 'issued' ? await listDecisions(db, minutes.id) : [],
		actionable: steps.canDraft || steps.canApprove || steps.canIssue
	};
}
