import type { Selectable } from 'kysely';
import type { DB } from '../db';
import { dialectOfDb } from '../db/connect';
import type { Classification, MeetingStatus, RoomsTable } from '../db/schema';

export interface Room {
	id: number;
	name: string;
	location: string;
	capacity: number;
	equipment: string;
	sortOrder: number;
	isActive: boolean;
}

export type RoomFields = Omit<Room, 'id' | 'isActive'>;

/** A meeting that holds a room, as the booking check reports it. */
export interface RoomBooking {
	id: number;
	title: string;
	status: MeetingStatus;
	classification: Classification;
	startsAt: string;
	endsAt: string;
}

export function toRoom(row: Selectable<RoomsTable>): Room {
	return {
		id: row.id,
		name: row.name,
		location: row.location,
		capacity: row.capacity,
		equipment: row.equipment,
		sortOrder: row.sort_order,
		isActive: row.is_active
	};
}

// SQLite compares instants as text, so every bound must have the stored form
// (toISOString: milliseconds and Z); '…T01:30:00Z' would sort after '…T01:30:00.000Z'.
function instant(iso: string): string {
	return new Date(iso).toISOString();
}

export async function findRooms(db: DB, o: { includeInactive?: boolean } = {}): Promise<Room[]> {
	let q = db.selectFrom('rooms').selectAll();
	if (!o.includeInactive) q = q.where('is_active', '=', true);
	const rows = await q.orderBy('sort_order').orderBy('id').execute();
	return rows.map(toRoom);
}

export async function findRoomById(db: DB, id: number): Promise<Room | undefined> {
	const row = await db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toRoom(row);
}

export async function findRoomByName(db: DB, name: string): Promise<Room | undefined> {
	const row = await db
		.selectFrom('rooms')
		.selectAll()
		.where('name', '=', name.trim())
		.executeTakeFirst();
	return row && toRoom(row);
}

export async function insertRoom(db: DB, r: RoomFields): Promise<number> {
	const row = await db
		.insertInto('rooms')
		.values({
			name: r.name,
			location: r.location,
			capacity: r.capacity,
			equipment: r.equipment,
			sort_order: r.sortOrder
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

export async function updateRoomRow(
	db: DB,
	id: number,
	r: Partial<RoomFields & { isActive: boolean }>
): Promise<void> {
	await db
		.updateTable('rooms')
		.set({
			name: r.name,
			location: r.location,
			capacity: r.capacity,
			equipment: r.equipment,
			sort_order: r.sortOrder,
			is_active: r.isActive
		})
		.where('id', '=', id)
		.execute();
}

/** Non-cancelled meetings in the room whose [start, end) meets [startsAt, endsAt). */
export async function findOverlappingMeetings(
	db: DB,
	roomId: number,
	startsAt: string,
	endsAt: string,
	exceptMeetingId?: number | null
): Promise<RoomBooking[]> {
	let q = db
		.selectFrom('meetings')
		.select(['id', 'title', 'status', 'classification', 'starts_at', 'ends_at'])
		.where('room_id', '=', roomId)
		.where('status', '!=', 'cancelled')
		// Half-open intervals: a meeting ending at 10:30 leaves the room free at 10:30.
		.where('starts_at', '<', instant(endsAt))
		.where('ends_at', '>', instant(startsAt));
	if (exceptMeetingId != null) q = q.where('id', '!=', exceptMeetingId);
	const rows = await q.orderBy('starts_at').orderBy('id').execute();
	return rows.map((r) => ({
		id: r.id,
		title: r.title,
		status: r.status,
		classification: r.classification,
		startsAt: r.starts_at,
		endsAt: r.ends_at
	}));
}

/** Active rooms with no non-cancelled meeting overlapping the window, in catalogue order. */
export async function findFreeRooms(
	db: DB,
	startsAt: string,
	endsAt: string,
	minCapacity?: number
): Promise<Room[]> {
	let q = db
		.selectFrom('rooms')
		.selectAll('rooms')
		.where('rooms.is_active', '=', true)
		.where(({ exists, not, selectFrom }) =>
			not(
				exists(
					selectFrom('meetings')
						.select('meetings.id')
						.whereRef('meetings.room_id', '=', 'rooms.id')
						.where('meetings.status', '!=', 'cancelled')
						.where('meetings.starts_at', '<', instant(endsAt))
						.where('meetings.ends_at', '>', instant(startsAt))
				)
			)
		);
	if (minCapacity != null) q = q.where('rooms.capacity', '>=', minCapacity);
	const rows = await q.orderBy('rooms.sort_order').orderBy('rooms.id').execute();
	return rows.map(toRoom);
}

/**
 * Serialises bookings of one room; call it first inside the booking transaction.
 *
 * PostgreSQL: the row lock makes a second transaction booking the same room wait here until
 * the first commits; under READ COMMITTED its overlap check then sees the first meeting.
 *
 * SQLite: nothing to lock. SQLite transactions already serialise writers: a process holds one
 * connection and Kysely runs one transaction on it at a time, and across connections only one
 * writer may commit — a writer whose snapshot predates another's commit fails with
 * SQLITE_BUSY instead of writing on a stale read, so a room is never double-booked.
 */
export async function lockRoom(trx: DB, roomId: number): Promise<void> {
	if (dialectOfDb(trx) !== 'postgres') return;
	await trx.selectFrom('rooms').select('id').where('id', '=', roomId).forUpdate().execute();
}
