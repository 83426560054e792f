import * as m from '$lib/paraglide/messages';
import { isClassified } from '$lib/domain/meetings';
import { capacityWarning, slotParts } from '$lib/domain/rooms';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import { canManageRooms, requirePermission } from '../permissions';
import type { DB } from '../db';
import { NotFoundError, ValidationError, withUniqueField } from '../errors';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import {
	findFreeRooms,
	findOverlappingMeetings,
	findRoomById,
	findRoomByName,
	findRooms,
	insertRoom,
	lockRoom,
	updateRoomRow,
	type Room,
	type RoomBooking
} from './rooms.repository';
import { inTransaction } from '../db/transaction';
import { roomFinderSchema, roomSchema, type RoomFinderInput, type RoomInput } from './rooms.schema';
import { zonedToInstant } from '$lib/domain/zoned-time';

export type { RoomFinderInput, RoomInput } from './rooms.schema';
export type FreeRoom = Room & { tooSmall: boolean };
export interface BookingRequest {
	roomId: number;
	startsAt: string;
	endsAt: string;
	exceptMeetingId?: number | null;
}

/** Any signed-in person may see the catalogue; only managers see deactivated rooms. */
export function listRooms(db: DB, o: { includeInactive?: boolean } = {}): Promise<Room[]> {
	return findRooms(db, o);
}

function withNameCheck<T>(work: Promise<T>): Promise<T> {
	return withUniqueField(work, 'name', m.rooms_err_name_taken());
}

export async function createRoom(db: DB, actor: Actor, input: RoomInput): Promise<number> {
	requirePermission(actor, canManageRooms);
	const data = parseInput(roomSchema, input);
	return withNameCheck(
		inTransaction(db, async (trx) => {
			if (await findRoomByName(trx, data.name)) {
				throw new ValidationError({ name: m.rooms_err_name_taken() });
			}
			const id = await insertRoom(trx, data);
			await audit(trx, actor, 'room.create', 'room', id, data);
			return id;
		})
	);
}

export async function updateRoom(
	db: DB,
	actor: Actor,
	id: number,
	input: RoomInput
): Promise<void> {
	requirePermission(actor, canManageRooms);
	const data = parseInput(roomSchema, input);
	await withNameCheck(
		inTransaction(db, async (trx) => {
			await lockRoom(trx, id);
			const before = await findRoomById(trx, id);
			if (!before) throw new NotFoundError();
			const same = await findRoomByName(trx, data.name);
			if (same && same.id !== id) throw new ValidationError({ name: m.rooms_err_name_taken() });
			const changes = diff({ ...before }, data);
			// Saved again as it is (a second click): nothing to write or audit.
			if (!Object.keys(changes).length) return;
			await updateRoomRow(trx, id, data);
			await audit(trx, actor, 'room.update', 'room', id, changes);
		})
	);
}

/** Rooms are deactivated, never deleted: past meetings keep pointing at them. */
export async function setRoomActive(
	db: DB,
	actor: Actor,
	id: number,
	isActive: boolean
): Promise<void> {
	requirePermission(actor, canManageRooms);
	await inTransaction(db, async (trx) => {
		await lockRoom(trx, id);
		const before = await findRoomById(trx, id);
		if (!before) throw new NotFoundError();
		if (before.isActive === isActive) return;
		await updateRoomRow(trx, id, { isActive });
		await audit(trx, actor, isActive ? 'room.activate' : 'room.deactivate', 'room', id);
	});
}

function checkWindow(startsAt: string, endsAt: string): void {
	if (!(Date.parse(startsAt) < Date.parse(endsAt))) {
		throw new ValidationError({ endsAt: m.rooms_err_end_before_start() });
	}
}

async function bookedMessage(db: DB, b: RoomBooking): Promise<string> {
	// The office's zone (Asia/Shanghai unless changed) is the one people read times in.
	const p = slotParts(b.startsAt, b.endsAt, (await getSettings(db)).timeZone);
	const slot = p.sameDay ? m.rooms_slot_same_day(p) : m.rooms_slot_days(p);
	// 涉密会议: the title of a 秘密/机密 meeting is not shown to whoever happens to book next.
	return isClassified(b.classification)
		? m.rooms_err_booked_classified({ slot })
		: m.rooms_err_booked({ title: b.title, slot });
}

/**
 * The booking rule. Call it inside the transaction that writes the meeting, before the write:
 * the room lock it takes holds until that transaction ends, so two bookings of one slot cannot
 * both pass. Refusals are ValidationErrors on `roomId`.
 */
export async function assertRoomBookable(trx: DB, req: BookingRequest): Promise<Room> {
	if (!trx.isTransaction) throw new Error('assertRoomBookable must run inside a transaction');
	checkWindow(req.startsAt, req.endsAt);
	await lockRoom(trx, req.roomId);
	const room = await findRoomById(trx, req.roomId);
	if (!room?.isActive) throw new ValidationError({ roomId: m.rooms_err_unavailable() });
	const [taken] = await findOverlappingMeetings(
		trx,
		req.roomId,
		req.startsAt,
		req.endsAt,
		req.exceptMeetingId
	);
	if (taken) throw new ValidationError({ roomId: await bookedMessage(trx, taken) });
	return room;
}

/** Active rooms free for the whole window; `tooSmall` when the participants will not fit. */
export async function freeRoomsFor(
	db: DB,
	startsAt: string,
	endsAt: string,
	participants?: number
): Promise<FreeRoom[]> {
	checkWindow(startsAt, endsAt);
	const rooms = await findFreeRooms(db, startsAt, endsAt);
	return rooms.map((r) => ({
		...r,
		tooSmall: participants != null && capacityWarning(r, participants) != null
	}));
}

/** 找空闲会议室 as the finder asks it: a day and a window in the office's wall time. */
export async function findFreeRoomsFor(db: DB, input: RoomFinderInput): Promise<FreeRoom[]> {
	const q = parseInput(roomFinderSchema, input);
	const { timeZone } = await getSettings(db);
	return freeRoomsFor(
		db,
		zonedToInstant(q.date, q.start, timeZone),
		zonedToInstant(q.date, q.end, timeZone),
		q.participants
	);
}
