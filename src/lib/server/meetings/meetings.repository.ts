import type { ExpressionBuilder, Insertable, Updateable } from 'kysely';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import { nestedRead, type RowOf } from '../db/json-rows';
import type { Classification } from '$lib/domain/meetings';
import type { Database, MeetingStatus, MeetingsTable } from '../db/schema';

type MeetingEB = ExpressionBuilder<Database, 'meetings'>;

// The names next to a meeting's ids come from scalar subqueries rather than joins: six
// joins cost PostgreSQL several milliseconds of planning per query (more than running it),
// while a subquery per name is planned once and probes a primary key per row.
const names = {
	type: (eb: MeetingEB) =>
		eb
			.selectFrom('meeting_types')
			.select('meeting_types.name')
			.whereRef('meeting_types.id', '=', 'meetings.type_id')
			.$asScalar()
			.$notNull(),
	room: (eb: MeetingEB) =>
		eb.selectFrom('rooms').select('rooms.name').whereRef('rooms.id', '=', 'meetings.room_id'),
	department: (eb: MeetingEB) =>
		eb
			.selectFrom('departments')
			.select('departments.name')
			.whereRef('departments.id', '=', 'meetings.organiser_department_id'),
	user: (
		eb: MeetingEB,
		column: 'meetings.host_id' | 'meetings.recorder_id' | 'meetings.created_by'
	) => eb.selectFrom('users').select('users.name').whereRef('users.id', '=', column)
};

/** A meeting with the names the pages show next to its ids. */
function selectMeetings(db: DB) {
	return db
		.selectFrom('meetings')
		.selectAll('meetings')
		.select((eb) => [
			names.type(eb).as('type_name'),
			names.room(eb).as('room_name'),
			eb
				.selectFrom('rooms')
				.select('rooms.capacity')
				.whereRef('rooms.id', '=', 'meetings.room_id')
				.as('room_capacity'),
			names.department(eb).as('organiser_department_name'),
			names.user(eb, 'meetings.host_id').as('host_name'),
			names.user(eb, 'meetings.recorder_id').as('recorder_name'),
			names.user(eb, 'meetings.created_by').as('creator_name')
		]);
}

type MeetingJoinedRow = NonNullable<
	Awaited<ReturnType<ReturnType<typeof selectMeetings>['executeTakeFirst']>>
>;

/** What a meeting plan sets: the fields the office fills in. */
export interface MeetingFields {
	title: string;
	typeId: number;
	startsAt: string;
	endsAt: string;
	roomId: number | null;
	location: string;
	organiserDepartmentId: number | null;
	hostId: number | null;
	recorderId: number | null;
	replyDeadline: string | null;
	requirements: string;
	contactName: string;
	contactPhone: string;
	classification: Classification;
}

/** One meeting, as the server and the pages read it, with the names next to its ids. */
export interface Meeting extends MeetingFields {
	id: number;
	uid: string;
	status: MeetingStatus;
	sequence: number;
	createdBy: number;
	createdAt: string;
	updatedAt: string;
	issuedAt: string | null;
	cancelledAt: string | null;
	cancelReason: string;
	typeName: string;
	roomName: string | null;
	roomCapacity: number | null;
	organiserDepartmentName: string | null;
	hostName: string | null;
	recorderName: string | null;
	creatorName: string | null;
}

function toMeeting(r: MeetingJoinedRow): Meeting {
	return {
		id: r.id,
		uid: r.uid,
		title: r.title,
		typeId: r.type_id,
		status: r.status,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		roomId: r.room_id,
		location: r.location,
		organiserDepartmentId: r.organiser_department_id,
		hostId: r.host_id,
		recorderId: r.recorder_id,
		replyDeadline: r.reply_deadline,
		requirements: r.requirements,
		contactName: r.contact_name,
		contactPhone: r.contact_phone,
		classification: r.classification,
		sequence: r.sequence,
		createdBy: r.created_by,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		issuedAt: r.issued_at,
		cancelledAt: r.cancelled_at,
		cancelReason: r.cancel_reason,
		typeName: r.type_name,
		roomName: r.room_name,
		roomCapacity: r.room_capacity,
		organiserDepartmentName: r.organiser_department_name,
		hostName: r.host_name,
		recorderName: r.recorder_name,
		creatorName: r.creator_name
	};
}

/** Only what a list row shows (summarise): no long text columns, four names. */
export function selectMeetingSummaries(db: DB) {
	return db
		.selectFrom('meetings')
		.select([
			'meetings.id',
			'meetings.title',
			'meetings.status',
			'meetings.starts_at',
			'meetings.ends_at',
			'meetings.location',
			'meetings.classification'
		])
		.select((eb) => [
			names.type(eb).as('type_name'),
			names.room(eb).as('room_name'),
			names.department(eb).as('organiser_department_name'),
			names.user(eb, 'meetings.host_id').as('host_name')
		]);
}

type MeetingSummaryRow = Awaited<
	ReturnType<ReturnType<typeof selectMeetingSummaries>['execute']>
>[number];

/** What a list row of meetings holds. */
export interface MeetingListItem {
	id: number;
	title: string;
	status: MeetingStatus;
	startsAt: string;
	endsAt: string;
	location: string;
	classification: Classification;
	typeName: string;
	roomName: string | null;
	organiserDepartmentName: string | null;
	hostName: string | null;
}

export function toMeetingListItem(r: MeetingSummaryRow): MeetingListItem {
	return {
		id: r.id,
		title: r.title,
		status: r.status,
		startsAt: r.starts_at,
		endsAt: r.ends_at,
		location: r.location,
		classification: r.classification,
		typeName: r.type_name,
		roomName: r.room_name,
		organiserDepartmentName: r.organiser_department_name,
		hostName: r.host_name
	};
}

export async function findMeetingById(db: DB, id: number): Promise<Meeting | undefined> {
	const r = await selectMeetings(db).where('meetings.id', '=', id).executeTakeFirst();
	return r && toMeeting(r);
}

function toColumns(f: Partial<MeetingFields>): Updateable<MeetingsTable> {
	return {
		title: f.title,
		type_id: f.typeId,
		starts_at: f.startsAt,
		ends_at: f.endsAt,
		room_id: f.roomId,
		location: f.location,
		organiser_department_id: f.organiserDepartmentId,
		host_id: f.hostId,
		recorder_id: f.recorderId,
		reply_deadline: f.replyDeadline,
		requirements: f.requirements,
		contact_name: f.contactName,
		contact_phone: f.contactPhone,
		classification: f.classification
	};
}

/** Who drafted a new meeting, when, and its calendar UID. */
export interface NewMeeting extends MeetingFields {
	uid: string;
	createdBy: number;
	at: string;
}

export async function insertMeeting(db: DB, n: NewMeeting): Promise<number> {
	const r = await db
		.insertInto('meetings')
		.values({
			...(toColumns(n) as Insertable<MeetingsTable>),
			uid: n.uid,
			status: 'draft',
			created_by: n.createdBy,
			created_at: n.at,
			updated_at: n.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** A changed plan; `at` is the new updated_at. */
export async function updateMeetingFields(
	db: DB,
	id: number,
	f: MeetingFields,
	at: string
): Promise<void> {
	await db
		.updateTable('meetings')
		.set({ ...toColumns(f), updated_at: at })
		.where('id', '=', id)
		.execute();
}

/** A new version for calendars: the SEQUENCE it now has. */
export async function setMeetingSequence(db: DB, id: number, sequence: number): Promise<void> {
	await db.updateTable('meetings').set({ sequence }).where('id', '=', id).execute();
}

/**
 * Holds a meeting for the rest of the transaction: the rules that span its participants (one
 * deputy per person, 材料 count) are checked and written by one request at a time.
 */
export function lockMeeting(trx: DB, id: number): Promise<void> {
	return lockRow(trx, 'meetings', id);
}

/** A new version of the meeting for calendars (SEQUENCE + 1) in one statement; the new value. */
export async function bumpMeetingSequence(db: DB, id: number): Promise<number> {
	const r = await db
		.updateTable('meetings')
		.set((eb) => ({ sequence: eb('sequence', '+', 1) }))
		.where('id', '=', id)
		.returning('sequence')
		.executeTakeFirstOrThrow();
	return r.sequence;
}

/** draft → issued in one statement; false when the meeting was no longer a draft. */
export async function issueMeetingRow(db: DB, id: number, at: string): Promise<boolean> {
	const r = await db
		.updateTable('meetings')
		.set({ status: 'issued', issued_at: at, updated_at: at })
		.where('id', '=', id)
		.where('status', '=', 'draft')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/**
 * draft or issued → cancelled in one statement; an issued meeting's SEQUENCE goes up with it.
 * Returns whether the meeting had been issued, or undefined when it was already cancelled.
 */
export async function cancelMeetingRow(
	db: DB,
	id: number,
	c: { at: string; reason: string }
): Promise<{ wasIssued: boolean } | undefined> {
	const r = await db
		.updateTable('meetings')
		.set((eb) => ({
			status: 'cancelled',
			cancelled_at: c.at,
			cancel_reason: c.reason,
			updated_at: c.at,
			sequence: eb('sequence', '+', eb.case().when('status', '=', 'issued').then(1).else(0).end())
		}))
		.where('id', '=', id)
		.where('status', 'in', ['draft', 'issued'])
		.returning('issued_at')
		.executeTakeFirst();
	return r && { wasIssued: r.issued_at != null };
}

/** Issued meetings whose reply deadline falls after `now` and within `withinMs` of it. */
export async function findMeetingsNearDeadline(
	db: DB,
	now: string,
	withinMs: number
): Promise<{ id: number; replyDeadline: string }[]> {
	const rows = await db
		.selectFrom('meetings')
		.select(['id', 'reply_deadline'])
		.where('status', '=', 'issued')
		.where('reply_deadline', '>', now)
		.where('reply_deadline', '<=', new Date(Date.parse(now) + withinMs).toISOString())
		.execute();
	return rows.map((r) => ({ id: r.id, replyDeadline: r.reply_deadline! }));
}

export interface AgendaItem {
	title: string;
	presenter: string;
	minutes: number;
}

/** A meeting's agenda in order (listAgenda; the meeting page reads it nested). */
export function agendaRead(db: DB, meetingId: number) {
	return nestedRead(
		db
			.selectFrom('meeting_agenda_items')
			.select(['title', 'presenter', 'planned_minutes'])
			.where('meeting_id', '=', meetingId)
			.orderBy('position')
	);
}

export function toAgendaItem(r: RowOf<ReturnType<typeof agendaRead>>): AgendaItem {
	return { title: r.title, presenter: r.presenter, minutes: r.planned_minutes };
}

export async function listAgenda(db: DB, meetingId: number): Promise<AgendaItem[]> {
	return (await agendaRead(db, meetingId).query.execute()).map(toAgendaItem);
}

export async function replaceAgenda(db: DB, meetingId: number, items: AgendaItem[]) {
	await db.deleteFrom('meeting_agenda_items').where('meeting_id', '=', meetingId).execute();
	if (!items.length) return;
	await db
		.insertInto('meeting_agenda_items')
		.values(
			items.map((a, i) => ({
				meeting_id: meetingId,
				position: i + 1,
				title: a.title,
				presenter: a.presenter,
				planned_minutes: a.minutes
			}))
		)
		.execute();
}

export interface LogisticsItem {
	id?: number;
	item: string;
	ownerId: number | null;
	ownerName?: string | null;
	isDone: boolean;
}

export async function listLogistics(db: DB, meetingId: number): Promise<LogisticsItem[]> {
	const rows = await db
		.selectFrom('meeting_logistics')
		.leftJoin('users', 'users.id', 'meeting_logistics.owner_id')
		.select([
			'meeting_logistics.id',
			'meeting_logistics.item',
			'meeting_logistics.owner_id',
			'meeting_logistics.is_done',
			'users.name as owner_name'
		])
		.where('meeting_id', '=', meetingId)
		.orderBy('meeting_logistics.id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		item: r.item,
		ownerId: r.owner_id,
		ownerName: r.owner_name,
		isDone: r.is_done
	}));
}

export async function replaceLogistics(db: DB, meetingId: number, items: LogisticsItem[]) {
	await db.deleteFrom('meeting_logistics').where('meeting_id', '=', meetingId).execute();
	if (!items.length) return;
	await db
		.insertInto('meeting_logistics')
		.values(
			items.map((l) => ({
				meeting_id: meetingId,
				item: l.item,
				owner_id: l.ownerId,
				is_done: l.isDone
			}))
		)
		.execute();
}

/** Ticks a task only if it is not already so: true when this call changed it. */
export async function setLogisticsDone(db: DB, meetingId: number, id: number, isDone: boolean) {
	const r = await db
		.updateTable('meeting_logistics')
		.set({ is_done: isDone })
		.where('id', '=', id)
		.where('meeting_id', '=', meetingId)
		.where('is_done', '=', !isDone)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function logisticsTaskExists(db: DB, meetingId: number, id: number) {
	const r = await db
		.selectFrom('meeting_logistics')
		.select('id')
		.where('id', '=', id)
		.where('meeting_id', '=', meetingId)
		.executeTakeFirst();
	return r != null;
}
