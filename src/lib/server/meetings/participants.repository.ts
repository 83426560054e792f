import type { Classification } from '$lib/domain/meetings';
import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';
import type { ParticipantRole, ReplyKind } from '../db/schema';

export interface Participant {
	id: number;
	userId: number;
	name: string;
	email: string;
	title: string;
	departmentId: number | null;
	departmentName: string | null;
	role: ParticipantRole;
	viaDepartmentId: number | null;
	reply: ReplyKind;
	replyReason: string;
	repliedAt: string | null;
	deputyId: number | null;
	deputyName: string | null;
	deputyEmail: string | null;
	deputyConfirmedAt: string | null;
	checkedInAt: string | null;
}

/**
 * A meeting's participant rows `p` joined to their person `u`, the person's department `d` and
 * the deputy `dep` (if any); callers select what they show (here, seating).
 */
export function participantsWithPeople(db: DB, meetingId: number) {
	return db
		.selectFrom('meeting_participants as p')
		.innerJoin('users as u', 'u.id', 'p.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.leftJoin('users as dep', 'dep.id', 'p.deputy_id')
		.where('p.meeting_id', '=', meetingId);
}

/** The participant rows of a meeting with their people, in the reply table's order. */
function selectParticipants(db: DB, meetingId: number) {
	return participantsWithPeople(db, meetingId)
		.select([
			'p.id',
			'p.user_id',
			'u.name',
			'u.email',
			'u.title',
			'u.department_id',
			'd.name as department_name',
			'p.role',
			'p.via_department_id',
			'p.reply',
			'p.reply_reason',
			'p.replied_at',
			'p.deputy_id',
			'dep.name as deputy_name',
			'dep.email as deputy_email',
			'p.deputy_confirmed_at',
			'p.checked_in_at'
		])
		.orderBy('d.sort_order')
		.orderBy('u.precedence')
		.orderBy('u.id');
}

/**
 * A meeting's participant rows (participantsRead): all of them, or with `userId` only those
 * that concern that person — their own and those they go for as deputy.
 */
export function participantsRead(db: DB, meetingId: number, userId?: number) {
	const q = selectParticipants(db, meetingId);
	return nestedRead(
		userId === undefined
			? q
			: q.where((eb) => eb.or([eb('p.user_id', '=', userId), eb('p.deputy_id', '=', userId)])),
		['replied_at', 'deputy_confirmed_at', 'checked_in_at']
	);
}

export function toParticipant(r: RowOf<ReturnType<typeof participantsRead>>): Participant {
	return {
		id: r.id,
		userId: r.user_id,
		name: r.name,
		email: r.email,
		title: r.title,
		departmentId: r.department_id,
		departmentName: r.department_name,
		role: r.role,
		viaDepartmentId: r.via_department_id,
		reply: r.reply,
		replyReason: r.reply_reason,
		repliedAt: r.replied_at,
		deputyId: r.deputy_id,
		deputyName: r.deputy_name,
		deputyEmail: r.deputy_email,
		deputyConfirmedAt: r.deputy_confirmed_at,
		checkedInAt: r.checked_in_at
	};
}

export async function listParticipants(db: DB, meetingId: number): Promise<Participant[]> {
	return (await participantsRead(db, meetingId).query.execute()).map(toParticipant);
}

export interface NewParticipant {
	userId: number;
	role: ParticipantRole;
	viaDepartmentId: number | null;
}

export async function insertParticipants(db: DB, meetingId: number, rows: NewParticipant[]) {
	for (let i = 0; i < rows.length; i += 500) {
		await db
			.insertInto('meeting_participants')
			.values(
				rows.slice(i, i + 500).map((p) => ({
					meeting_id: meetingId,
					user_id: p.userId,
					role: p.role,
					via_department_id: p.viaDepartmentId
				}))
			)
			.execute();
	}
}

export async function deleteParticipants(db: DB, meetingId: number, userIds: number[]) {
	if (!userIds.length) return;
	await db
		.deleteFrom('meeting_participants')
		.where('meeting_id', '=', meetingId)
		.where('user_id', 'in', userIds)
		.execute();
}

export async function updateParticipantRole(
	db: DB,
	meetingId: number,
	userId: number,
	role: ParticipantRole
) {
	await db
		.updateTable('meeting_participants')
		.set({ role })
		.where('meeting_id', '=', meetingId)
		.where('user_id', '=', userId)
		.execute();
}

export async function setReply(
	db: DB,
	participantId: number,
	r: { reply: ReplyKind; reason: string; deputyId: number | null; at: string }
) {
	await db
		.updateTable('meeting_participants')
		.set({
			reply: r.reply,
			reply_reason: r.reason,
			deputy_id: r.deputyId,
			deputy_confirmed_at: null,
			replied_at: r.at,
			// A reply by hand is the person's own, no longer the one approved leave gave.
			leave_request_id: null
		})
		.where('id', '=', participantId)
		.execute();
}

/** Confirms once, and only for the deputy still named: true when this call confirmed. */
export async function confirmDeputyRow(
	db: DB,
	participantId: number,
	deputyId: number,
	at: string
): Promise<boolean> {
	const r = await db
		.updateTable('meeting_participants')
		.set({ deputy_confirmed_at: at })
		.where('id', '=', participantId)
		.where('deputy_id', '=', deputyId)
		.where('deputy_confirmed_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Whether the user is on the meeting's list, as a participant or as someone's deputy. */
export async function isParticipantOrDeputy(
	db: DB,
	meetingId: number,
	userId: number
): Promise<boolean> {
	const row = await db
		.selectFrom('meeting_participants')
		.select('id')
		.where('meeting_id', '=', meetingId)
		.where((eb) => eb.or([eb('user_id', '=', userId), eb('deputy_id', '=', userId)]))
		.executeTakeFirst();
	return !!row;
}

/** Active people of the given departments, for "the whole department" participants. */
export async function activeMembersOf(
	db: DB,
	departmentIds: number[]
): Promise<{ userId: number; departmentId: number }[]> {
	if (!departmentIds.length) return [];
	const rows = await db
		.selectFrom('users')
		.select(['id', 'department_id'])
		.where('department_id', 'in', departmentIds)
		.where('is_active', '=', true)
		.execute();
	return rows.map((r) => ({ userId: r.id, departmentId: r.department_id! }));
}

/** Another meeting a person takes part in at the same time. */
export interface BusyParticipant {
	userId: number;
	userName: string;
	meetingId: number;
	title: string;
	classification: Classification;
	startsAt: string;
	endsAt: string;
}

/** Other non-cancelled meetings in which these people take part during [startsAt, endsAt). */
export async function findBusyParticipants(
	db: DB,
	userIds: number[],
	startsAt: string,
	endsAt: string,
	exceptMeetingId?: number
): Promise<BusyParticipant[]> {
	if (!userIds.length) return [];
	let q = db
		.selectFrom('meeting_participants as p')
		.innerJoin('meetings as mt', 'mt.id', 'p.meeting_id')
		.innerJoin('users as u', 'u.id', 'p.user_id')
		.select([
			'p.user_id',
			'u.name as user_name',
			'mt.id as meeting_id',
			'mt.title',
			'mt.classification',
			'mt.starts_at',
			'mt.ends_at'
		])
		.where('p.user_id', 'in', userIds)
		.where('mt.status', '!=', 'cancelled')
		.where('mt.starts_at', '<', endsAt)
		.where('mt.ends_at', '>', startsAt)
		.where('p.reply', '!=', 'excused');
	if (exceptMeetingId) q = q.where('mt.id', '!=', exceptMeetingId);
	const rows = await q.orderBy('mt.starts_at').limit(200).execute();
	return rows.map((r) => ({
		userId: r.user_id,
		userName: r.user_name,
		meetingId: r.meeting_id,
		title: r.title,
		classification: r.classification,
		startsAt: r.starts_at,
		endsAt: r.ends_at
	}));
}

// ---- replies given by approved leave (issue 11) --------------------------------------------

/** A participant row that approved leave answers, with what its organiser is told. */
export interface LeaveReplyRow {
	participantId: number;
	meetingId: number;
	title: string;
	classification: Classification;
	createdBy: number;
	startsAt: string;
}

/**
 * The person's own rows (not deputies') still pending or attending, in meetings not cancelled
 * that start after `after` and overlap [from, to).
 */
export async function findLeaveExcusable(
	db: DB,
	o: { userId: number; from: string; to: string; after: string }
): Promise<LeaveReplyRow[]> {
	return db
		.selectFrom('meeting_participants as p')
		.innerJoin('meetings as mt', 'mt.id', 'p.meeting_id')
		.select([
			'p.id as participantId',
			'mt.id as meetingId',
			'mt.title',
			'mt.classification',
			'mt.created_by as createdBy',
			'mt.starts_at as startsAt'
		])
		.where('p.user_id', '=', o.userId)
		.where('p.reply', 'in', ['pending', 'attend'])
		.where('mt.status', '!=', 'cancelled')
		.where('mt.starts_at', '>', o.after)
		.where('mt.starts_at', '<', o.to)
		.where('mt.ends_at', '>', o.from)
		.orderBy('mt.starts_at')
		.orderBy('mt.id')
		.execute();
}

/** 请假 for approved leave, only while the row is still pending or attending: true when set. */
export async function setLeaveExcuse(
	db: DB,
	participantId: number,
	r: { reason: string; leaveId: number; at: string }
): Promise<boolean> {
	const res = await db
		.updateTable('meeting_participants')
		.set({
			reply: 'excused',
			reply_reason: r.reason,
			leave_request_id: r.leaveId,
			deputy_id: null,
			deputy_confirmed_at: null,
			replied_at: r.at
		})
		.where('id', '=', participantId)
		.where('reply', 'in', ['pending', 'attend'])
		.executeTakeFirst();
	return Number(res.numUpdatedRows) === 1;
}

/** Rows this leave answered, in meetings not cancelled that start at or after `from`. */
export async function findLeaveExcused(
	db: DB,
	o: { leaveId: number; from: string }
): Promise<LeaveReplyRow[]> {
	return db
		.selectFrom('meeting_participants as p')
		.innerJoin('meetings as mt', 'mt.id', 'p.meeting_id')
		.select([
			'p.id as participantId',
			'mt.id as meetingId',
			'mt.title',
			'mt.classification',
			'mt.created_by as createdBy',
			'mt.starts_at as startsAt'
		])
		.where('p.leave_request_id', '=', o.leaveId)
		.where('p.reply', '=', 'excused')
		.where('mt.status', '!=', 'cancelled')
		.where('mt.starts_at', '>=', o.from)
		.orderBy('mt.starts_at')
		.orderBy('mt.id')
		.execute();
}

/** Back to pending, only while the row still holds this leave's 请假: true when reset. */
export async function clearLeaveExcuse(
	db: DB,
	participantId: number,
	leaveId: number
): Promise<boolean> {
	const res = await db
		.updateTable('meeting_participants')
		.set({ reply: 'pending', reply_reason: '', leave_request_id: null, replied_at: null })
		.where('id', '=', participantId)
		.where('leave_request_id', '=', leaveId)
		.where('reply', '=', 'excused')
		.executeTakeFirst();
	return Number(res.numUpdatedRows) === 1;
}
