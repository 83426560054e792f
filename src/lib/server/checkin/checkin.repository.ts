import type { AttendanceReply, AttendanceRole } from '$lib/domain/attendance';
import type { DB } from '../db';
import type { Classification, MeetingStatus } from '../db/schema';

export interface CheckinMeeting {
	id: number;
	title: string;
	status: MeetingStatus;
	startsAt: string;
	endsAt: string;
	classification: Classification;
	createdBy: number;
	hostId: number | null;
	/** Room name (and its location), or the outside location. */
	place: string;
}

export async function findCheckinMeeting(db: DB, id: number): Promise<CheckinMeeting | undefined> {
	const r = await db
		.selectFrom('meetings')
		.leftJoin('rooms', 'rooms.id', 'meetings.room_id')
		.select([
			'meetings.id',
			'meetings.title',
			'meetings.status',
			'meetings.starts_at',
			'meetings.ends_at',
			'meetings.classification',
			'meetings.created_by',
			'meetings.host_id',
			'meetings.location',
			'rooms.name as room_name',
			'rooms.location as room_location'
		])
		.where('meetings.id', '=', id)
		.executeTakeFirst();
	if (!r) return undefined;
	const room = r.room_name
		? r.room_location
			? `${r.room_name}（${r.room_location}）`
			: r.room_name
		: '';
	return {
		id: r.id,
		title: r.title,
		status: r.status,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		classification: r.classification,
		createdBy: r.created_by,
		hostId: r.host_id,
		place: room || r.location
	};
}

export async function findCheckinCode(db: DB, meetingId: number): Promise<string | undefined> {
	const r = await db
		.selectFrom('meeting_checkin_codes')
		.select('code')
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return r?.code;
}

/** Two organisers opening the page at once both end up with the first code stored. */
export async function insertCheckinCodeIfMissing(
	db: DB,
	meetingId: number,
	code: string,
	at: string
): Promise<boolean> {
	const r = await db
		.insertInto('meeting_checkin_codes')
		.values({ meeting_id: meetingId, code, created_at: at })
		.onConflict((oc) => oc.column('meeting_id').doNothing())
		.executeTakeFirst();
	return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findMeetingIdByCode(db: DB, code: string): Promise<number | undefined> {
	const r = await db
		.selectFrom('meeting_checkin_codes')
		.select('meeting_id')
		.where('code', '=', code)
		.executeTakeFirst();
	return r?.meeting_id;
}

export interface AttendanceRow {
	participantId: number;
	userId: number;
	name: string;
	departmentId: number | null;
	departmentName: string | null;
	departmentSort: number | null;
	precedence: number;
	role: AttendanceRole;
	reply: AttendanceReply;
	replyReason: string;
	deputyId: number | null;
	deputyName: string | null;
	checkedInAt: string | null;
	checkedInBy: number | null;
	checkedInByName: string | null;
	meetingId: number;
	startsAt: string;
}

type Filter = { meetingId?: number; userIds?: number[] };

/** Participant rows with the person, their department and deputy, ordered for listing. */
function selectAttendanceRows(db: DB) {
	return db
		.selectFrom('meeting_participants as p')
		.innerJoin('meetings', 'meetings.id', 'p.meeting_id')
		.innerJoin('users as u', 'u.id', 'p.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.leftJoin('users as dep', 'dep.id', 'p.deputy_id')
		.leftJoin('users as by', 'by.id', 'p.checked_in_by')
		.select([
			'p.id as participant_id',
			'p.user_id',
			'u.name',
			'u.department_id',
			'd.name as department_name',
			'd.sort_order as department_sort',
			'u.precedence',
			'p.role',
			'p.reply',
			'p.reply_reason',
			'p.deputy_id',
			'dep.name as deputy_name',
			'p.checked_in_at',
			'p.checked_in_by',
			'by.name as checked_in_by_name',
			'p.meeting_id',
			'meetings.starts_at'
		])
		.orderBy('d.sort_order')
		.orderBy('d.id')
		.orderBy('u.precedence')
		.orderBy('u.id');
}

type RawRow = Awaited<ReturnType<ReturnType<typeof selectAttendanceRows>['execute']>>[number];

function toAttendanceRow(r: RawRow): AttendanceRow {
	return {
		participantId: r.participant_id,
		userId: r.user_id,
		name: r.name,
		departmentId: r.department_id,
		departmentName: r.department_name,
		departmentSort: r.department_sort,
		precedence: r.precedence,
		role: r.role,
		reply: r.reply,
		replyReason: r.reply_reason,
		deputyId: r.deputy_id,
		deputyName: r.deputy_name,
		checkedInAt: r.checked_in_at,
		checkedInBy: r.checked_in_by,
		checkedInByName: r.checked_in_by_name,
		meetingId: r.meeting_id,
		startsAt: r.starts_at
	};
}

export async function findAttendanceRows(db: DB, f: Filter): Promise<AttendanceRow[]> {
	let q = selectAttendanceRows(db);
	if (f.meetingId != null) q = q.where('p.meeting_id', '=', f.meetingId);
	if (f.userIds) q = q.where('p.user_id', 'in', f.userIds);
	return (await q.execute()).map(toAttendanceRow);
}

/** The rows a person answers for at a meeting: their own, and any where they are the deputy. */
export async function findRowsForPerson(
	db: DB,
	meetingId: number,
	userId: number
): Promise<AttendanceRow[]> {
	const rows = await selectAttendanceRows(db)
		.where('p.meeting_id', '=', meetingId)
		.where((eb) =>
			eb.or([
				eb('p.user_id', '=', userId),
				eb.and([eb('p.deputy_id', '=', userId), eb('p.reply', '=', 'deputy')])
			])
		)
		.execute();
	return rows.map(toAttendanceRow);
}

export interface PeriodFilter {
	from: string;
	to: string;
	departmentId?: number;
	typeId?: number;
}

/** Rows of issued meetings starting in [from, to). */
export async function findPeriodAttendanceRows(
	db: DB,
	f: PeriodFilter
): Promise<{ rows: AttendanceRow[]; meetingCount: number }> {
	let q = selectAttendanceRows(db)
		.where('meetings.status', '=', 'issued')
		.where('meetings.starts_at', '>=', f.from)
		.where('meetings.starts_at', '<', f.to);
	if (f.departmentId != null) q = q.where('u.department_id', '=', f.departmentId);
	if (f.typeId != null) q = q.where('meetings.type_id', '=', f.typeId);
	const rows = (await q.execute()).map(toAttendanceRow);
	return { rows, meetingCount: new Set(rows.map((r) => r.meetingId)).size };
}

/** Only rows not yet checked in are touched, so two scans at once record the first. */
export async function markCheckedIn(
	db: DB,
	participantIds: number[],
	at: string,
	by: number
): Promise<number> {
	if (!participantIds.length) return 0;
	const r = await db
		.updateTable('meeting_participants')
		.set({ checked_in_at: at, checked_in_by: by })
		.where('id', 'in', participantIds)
		.where('checked_in_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function clearCheckIn(db: DB, participantId: number): Promise<number> {
	const r = await db
		.updateTable('meeting_participants')
		.set({ checked_in_at: null, checked_in_by: null })
		.where('id', '=', participantId)
		.where('checked_in_at', 'is not', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** A person's attendance at one meeting: who, which meeting, when it began. */
export interface SessionAttendance {
	userId: number;
	meetingId: number;
	startsAt: string;
}

/**
 * Who attended the issued meetings of a type (by name) starting in [from, to): those checked
 * in; at a meeting where nobody was checked in, those who replied they attend. Optionally one
 * person's only.
 */
export async function findTypeAttendance(
	db: DB,
	f: { typeName: string; from: string; to: string; userId?: number }
): Promise<SessionAttendance[]> {
	let q = db
		.selectFrom('meeting_participants as p')
		.innerJoin('meetings', 'meetings.id', 'p.meeting_id')
		.innerJoin('meeting_types as t', 't.id', 'meetings.type_id')
		.select(['p.user_id', 'p.meeting_id', 'meetings.starts_at'])
		.where('t.name', '=', f.typeName)
		.where('meetings.status', '=', 'issued')
		.where('meetings.starts_at', '>=', f.from)
		.where('meetings.starts_at', '<', f.to)
		.where((eb) =>
			eb.or([
				eb('p.checked_in_at', 'is not', null),
				eb.and([
					eb('p.reply', '=', 'attend'),
					eb.not(
						eb.exists(
							eb
								.selectFrom('meeting_participants as q')
								.select('q.id')
								.whereRef('q.meeting_id', '=', 'p.meeting_id')
								.where('q.checked_in_at', 'is not', null)
						)
					)
				])
			])
		)
		.orderBy('meetings.starts_at')
		.orderBy('p.user_id');
	if (f.userId != null) q = q.where('p.user_id', '=', f.userId);
	const rows = await q.execute();
	return rows.map((r) => ({ userId: r.user_id, meetingId: r.meeting_id, startsAt: r.starts_at }));
}
