/**
 * What the JSON API hands out, shaped from the read models the pages use (same visibility,
 * same rules). Each view has its schema in openapi.ts; the e2e test holds every response to it.
 */
import type { DutyPeriod } from '../duty/periods.repository';
import type { DutyAssignment } from '../duty/roster.repository';
import type { LeaveRecord } from '../leave/requests.repository';
import type { getMeetingDetail, MeetingSummary, ReplyRow } from '../meetings/meetings.query';
import type { ItemPage, ItemSummary } from '../supervision/supervision.query';

/** A page of a list: `{ items, page, per_page, total }`. */
export interface ListPage<T> {
	items: T[];
	page: number;
	per_page: number;
	total: number;
}

export function listPage<T>(items: T[], page: number, perPage: number, total: number): ListPage<T> {
	return { items, page, per_page: perPage, total };
}

/** A whole list cut to one page (lists the services return whole). */
export function slicePage<T>(all: T[], page: number, perPage: number): ListPage<T> {
	return listPage(all.slice((page - 1) * perPage, page * perPage), page, perPage, all.length);
}

export function meetingSummaryView(s: MeetingSummary) {
	return {
		id: s.id,
		title: s.title,
		type: s.type,
		status: s.status,
		phase: s.phase,
		startsAt: s.startsAt,
		endsAt: s.endsAt,
		place: s.place ?? null,
		classification: s.classification,
		organiser: s.organiser ?? null,
		host: s.host ?? null
	};
}

export function replyView(r: ReplyRow) {
	return {
		participantId: r.id,
		userId: r.userId,
		name: r.name,
		departmentName: r.departmentName,
		role: r.role,
		reply: r.reply,
		replyReason: r.replyReason,
		repliedAt: r.repliedAt,
		deputyId: r.deputyId,
		deputyName: r.deputyName,
		deputyConfirmedAt: r.deputyConfirmedAt,
		checkedInAt: r.checkedInAt
	};
}

type MeetingDetail = Awaited<ReturnType<typeof getMeetingDetail>>;

export function meetingView(d: MeetingDetail) {
	const x = d.meeting;
	return {
		...meetingSummaryView(x),
		typeId: x.typeId,
		roomId: x.roomId,
		roomName: x.roomName,
		location: x.location,
		hostId: x.hostId,
		recorderId: x.recorderId,
		recorderName: x.recorderName,
		replyDeadline: x.replyDeadline,
		requirements: x.requirements,
		contactName: x.contactName,
		contactPhone: x.contactPhone,
		sequence: x.sequence,
		issuedAt: x.issuedAt,
		cancelledAt: x.cancelledAt,
		cancelReason: x.cancelReason,
		agenda: d.agenda.map((a) => ({ title: a.title, presenter: a.presenter, minutes: a.minutes })),
		myReply: d.mine ? replyView(d.mine) : null,
		canManage: d.canManage
	};
}

/**
 * The participants with their replies: everyone for whoever manages or hosts the meeting (as
 * the meeting page shows them), else the caller's own row and those they deputise for.
 */
export function participantsView(d: MeetingDetail) {
	const rows = d.participants.length
		? d.participants
		: [...(d.mine ? [d.mine] : []), ...d.deputyFor];
	return { items: rows.map(replyView) };
}

export function itemSummaryView(s: ItemSummary) {
	return { ...s };
}

export function itemView(p: ItemPage) {
	return {
		...itemSummaryView(p.summary),
		requirement: p.item.requirement,
		leadDepartmentId: p.item.leadDepartmentId,
		coDepartments: p.coDepartments,
		signDue: p.item.signDue,
		createdAt: p.item.createdAt,
		feedback: p.feedback.map((f) => ({
			id: f.id,
			departmentName: f.departmentName,
			authorName: f.authorName,
			text: f.text,
			percent: f.percent,
			at: f.at
		})),
		canGiveFeedback: p.can.feedback
	};
}

export function periodView(p: DutyPeriod) {
	return {
		id: p.id,
		name: p.name,
		holidayName: p.holidayName,
		startDate: p.startDate,
		endDate: p.endDate,
		phone: p.phone,
		note: p.note,
		publishedAt: p.publishedAt
	};
}

export function rosterView(r: {
	period: DutyPeriod;
	shifts: Array<{
		id: number;
		name: string;
		startTime: string;
		endTime: string;
		isOvernight: boolean;
	}>;
	assignments: DutyAssignment[];
}) {
	return {
		...periodView(r.period),
		shifts: r.shifts.map((s) => ({
			id: s.id,
			name: s.name,
			startTime: s.startTime,
			endTime: s.endTime,
			isOvernight: s.isOvernight
		})),
		assignments: r.assignments.map((a) => ({
			id: a.id,
			date: a.date,
			shiftId: a.shiftId,
			role: a.role,
			position: a.position,
			userId: a.userId,
			userName: a.userName,
			departmentName: a.departmentName,
			startsAt: a.startsAt,
			endsAt: a.endsAt
		}))
	};
}

export function leaveView(l: LeaveRecord) {
	return {
		id: l.id,
		applicantId: l.applicantId,
		type: l.type,
		startDate: l.startDate,
		startHalf: l.startHalf,
		endDate: l.endDate,
		endHalf: l.endHalf,
		days: l.halfDays / 2,
		reason: l.reason,
		destination: l.destination,
		contact: l.contact,
		coverId: l.coverId,
		status: l.status,
		extendsId: l.extendsId,
		createdAt: l.createdAt,
		approvedAt: l.approvedAt
	};
}
