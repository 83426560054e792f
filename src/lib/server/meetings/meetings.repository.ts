import type { ExpressionBuilder, Insertable, Selectable, Updateable } from 'kysely';
import type { DB } from '../db';
import { lockRow } from '../db/locks';
import type { Database, MeetingsTable } from '../db/schema';

export type MeetingRow = Selectable<MeetingsTable>;

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
export function selectMeetings(db: DB) {
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

export type MeetingSummaryRow = Awaited<
	ReturnType<ReturnType<typeof selectMeetingSummaries>['execute']>
>[number];

export type MeetingJoined = NonNullable<
	Awaited<ReturnType<ReturnType<typeof selectMeetings>['executeTakeFirst']>>
>;

export async function findMeetingById(db: DB, id: number): Promise<MeetingJoined | undefined> {
	return selectMeetings(db).where('meetings.id', '=', id).executeTakeFirst();
}

export async function insertMeeting(db: DB, row: Insertable<MeetingsTable>): Promise<number> {
	const r = await db.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow();
	return r.id;
}

export async function updateMeetingRow(
	db: DB,
	id: number,
	set: Updateable<MeetingsTable>
): Promise<void> {
	await db.updateTable('meetings').set(set).where('id', '=', id).execute();
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

/** Whether someone urged replies to the meeting by hand at or after `since` (the audit log). */
export async function wasUrgedSince(db: DB, meetingId: number, since: string): Promise<boolean> {
	const r = await db
		.selectFrom('audit_log')
		.select('id')
		.where('entity', '=', 'meeting')
		.where('entity_id', '=', String(meetingId))
		.where('action', '=', 'meeting.urge')
		.where('at', '>=', since)
		.executeTakeFirst();
	return r != null;
}

export interface AgendaItem {
	title: string;
	presenter: string;
	minutes: number;
}

export async function listAgenda(db: DB, meetingId: number): Promise<AgendaItem[]> {
	const rows = await db
		.selectFrom('meeting_agenda_items')
		.selectAll()
		.where('meeting_id', '=', meetingId)
		.orderBy('position')
		.execute();
	return rows.map((r) => ({ title: r.title, presenter: r.presenter, minutes: r.planned_minutes }));
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
