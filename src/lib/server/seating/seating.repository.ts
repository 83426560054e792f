import type { Layout } from '$lib/domain/seating';
import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';

// A meeting's seating plan in SQL: the plan, its placements, guests and versions (the people it
// seats as the service and pages read them: seat-people.repository.ts; a room's templates:
// templates.repository.ts). Version placements are JSON text; they are parsed here and checked
// again (checkLayout) by the service wherever input enters.

// ---- plans --------------------------------------------------------------------------------

export interface PlanRow {
	id: number;
	meetingId: number;
	templateId: number | null;
	layout: Layout;
	convention: string;
	pair: string;
	floorOrder: string;
	excusedMode: string;
	seatStaff: boolean;
	version: number;
	updatedAt: string;
}

/**
 * Which plan a read is of: its id, or the plan of a meeting (a subquery, so that the plan page
 * reads the plan and what hangs on it in one statement).
 */
export type PlanKey = number | ReturnType<typeof planIdOfMeeting>;

/** The id of the meeting's plan, as a subquery (none: null). */
export function planIdOfMeeting(db: DB, meetingId: number) {
	return db.selectFrom('seating_plans').select('id').where('meeting_id', '=', meetingId);
}

/** The meeting's plan (findPlanOfMeeting; read nested too). */
export function planRead(db: DB, meetingId: number) {
	return nestedRead(
		db
			.selectFrom('seating_plans')
			.select([
				'id',
				'meeting_id',
				'template_id',
				'layout',
				'convention',
				'pair',
				'floor_order',
				'excused_mode',
				'is_seat_staff',
				'version',
				'updated_at'
			])
			.where('meeting_id', '=', meetingId),
		['updated_at']
	);
}

export function toPlanRow(r: RowOf<ReturnType<typeof planRead>>): PlanRow {
	return {
		id: r.id,
		meetingId: r.meeting_id,
		templateId: r.template_id,
		layout: JSON.parse(r.layout) as Layout,
		convention: r.convention,
		pair: r.pair,
		floorOrder: r.floor_order,
		excusedMode: r.excused_mode,
		seatStaff: r.is_seat_staff,
		version: r.version,
		updatedAt: r.updated_at
	};
}

export async function findPlanOfMeeting(db: DB, meetingId: number): Promise<PlanRow | undefined> {
	const r = await planRead(db, meetingId).query.executeTakeFirst();
	return r && toPlanRow(r);
}

export interface PlanFields {
	templateId: number | null;
	layout: Layout;
	convention: string;
	pair: string;
	floorOrder: string;
	excusedMode: string;
	seatStaff: boolean;
}

function planValues(p: PlanFields) {
	return {
		template_id: p.templateId,
		layout: JSON.stringify(p.layout),
		convention: p.convention,
		pair: p.pair,
		floor_order: p.floorOrder,
		excused_mode: p.excusedMode,
		is_seat_staff: p.seatStaff
	};
}

/** A meeting's first plan, at version 1 (the unique meeting_id refuses a second). */
export async function insertPlan(
	db: DB,
	meetingId: number,
	p: PlanFields,
	by: number,
	at: string
): Promise<number> {
	const r = await db
		.insertInto('seating_plans')
		.values({ meeting_id: meetingId, ...planValues(p), version: 1, updated_by: by, updated_at: at })
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/**
 * The compare-and-set every change of a plan starts with: moves the version on by one if it
 * is still `version`, with the new fields if given. Returns whether this call won.
 */
export async function advancePlanVersion(
	db: DB,
	planId: number,
	version: number,
	by: number,
	at: string,
	fields?: PlanFields
): Promise<boolean> {
	const r = await db
		.updateTable('seating_plans')
		.set((eb) => ({
			...(fields ? planValues(fields) : {}),
			version: eb('version', '+', 1),
			updated_by: by,
			updated_at: at
		}))
		.where('id', '=', planId)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

// ---- placements ---------------------------------------------------------------------------

export interface PlacementRow {
	seat: string;
	participantId: number;
	locked: boolean;
	arrangedReply: string;
	arrangedDeputyId: number | null;
}

export async function listPlacements(db: DB, planId: number): Promise<PlacementRow[]> {
	const rows = await db
		.selectFrom('seating_placements')
		.select(['seat_key', 'participant_id', 'is_locked', 'arranged_reply', 'arranged_deputy_id'])
		.where('plan_id', '=', planId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		seat: r.seat_key,
		participantId: r.participant_id,
		locked: r.is_locked,
		arrangedReply: r.arranged_reply,
		arrangedDeputyId: r.arranged_deputy_id
	}));
}

/** Who sits where on a plan, by person: seat keys of the people not excused (user id → seat). */
export async function listSeatKeysByPerson(
	db: DB,
	planId: number
): Promise<{ userId: number; seat: string; excused: boolean }[]> {
	const rows = await db
		.selectFrom('seating_placements as sp')
		.innerJoin('meeting_participants as mp', 'mp.id', 'sp.participant_id')
		.select(['mp.user_id', 'sp.seat_key', 'mp.reply'])
		.where('sp.plan_id', '=', planId)
		.execute();
	return rows.map((r) => ({ userId: r.user_id, seat: r.seat_key, excused: r.reply === 'excused' }));
}

/**
 * Where a person sits on a plan: their own placement (unless they sent a deputy or are
 * excused), or, as a deputy, the placement of the one they go for. Read through the meeting's
 * participant rows, not the whole plan (the meeting page of every participant asks it).
 */
export async function findSeatOfPerson(
	db: DB,
	planId: number,
	meetingId: number,
	userId: number
): Promise<{ seat: string; asDeputy: boolean } | undefined> {
	const rows = await db
		.selectFrom('meeting_participants as mp')
		.innerJoin('seating_placements as sp', 'sp.participant_id', 'mp.id')
		.select(['sp.seat_key', 'mp.user_id', 'mp.reply', 'mp.deputy_id'])
		.where('sp.plan_id', '=', planId)
		.where('mp.meeting_id', '=', meetingId)
		.where((eb) =>
			eb.or([
				eb.and([eb('mp.reply', '=', 'deputy'), eb('mp.deputy_id', '=', userId)]),
				eb.and([eb('mp.user_id', '=', userId), eb('mp.reply', 'not in', ['deputy', 'excused'])])
			])
		)
		.execute();
	// A deputy sits in the principal's seat; the principal, having sent one, sits nowhere.
	const r = rows.find((x) => x.reply === 'deputy') ?? rows[0];
	return r ? { seat: r.seat_key, asDeputy: r.user_id !== userId } : undefined;
}

export async function insertPlacements(db: DB, planId: number, rows: PlacementRow[]) {
	for (let i = 0; i < rows.length; i += 500) {
		await db
			.insertInto('seating_placements')
			.values(
				rows.slice(i, i + 500).map((p) => ({
					plan_id: planId,
					seat_key: p.seat,
					participant_id: p.participantId,
					is_locked: p.locked,
					arranged_reply: p.arrangedReply,
					arranged_deputy_id: p.arrangedDeputyId
				}))
			)
			.execute();
	}
}

/** Takes the given seats off the plan (all of them when `seats` is omitted). */
export async function deletePlacements(db: DB, planId: number, seats?: string[]) {
	if (seats && !seats.length) return;
	let q = db.deleteFrom('seating_placements').where('plan_id', '=', planId);
	if (seats) q = q.where('seat_key', 'in', seats);
	await q.execute();
}

export async function setPlacementLock(db: DB, planId: number, seat: string, locked: boolean) {
	await db
		.updateTable('seating_placements')
		.set({ is_locked: locked })
		.where('plan_id', '=', planId)
		.where('seat_key', '=', seat)
		.execute();
}

// ---- guests (a talks plan's guest side) -----------------------------------------------------

export interface GuestRow {
	id: number;
	name: string;
	title: string;
	/** 1 = the guest principal. */
	rank: number;
	seat: string | null;
	locked: boolean;
}

/** A plan's guests by rank, ties: the one added first (listGuests; read nested too). */
export function guestsRead(db: DB, plan: PlanKey) {
	return nestedRead(
		db
			.selectFrom('seating_guests')
			.select(['id', 'name', 'title', 'rank', 'seat_key', 'is_locked'])
			.where('plan_id', '=', plan)
			.orderBy('rank')
			.orderBy('id')
	);
}

export function toGuest(r: RowOf<ReturnType<typeof guestsRead>>): GuestRow {
	return {
		id: r.id,
		name: r.name,
		title: r.title,
		rank: r.rank,
		seat: r.seat_key,
		locked: r.is_locked
	};
}

export async function listGuests(db: DB, planId: number): Promise<GuestRow[]> {
	return (await guestsRead(db, planId).query.execute()).map(toGuest);
}

export async function insertGuest(
	db: DB,
	planId: number,
	g: { name: string; title: string; rank: number }
): Promise<number> {
	const r = await db
		.insertInto('seating_guests')
		.values({ plan_id: planId, name: g.name, title: g.title, rank: g.rank })
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function deleteGuest(db: DB, planId: number, id: number): Promise<number> {
	const r = await db
		.deleteFrom('seating_guests')
		.where('plan_id', '=', planId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

/**
 * Gives guests their seats (null: none) and locks. The seats are emptied first, so guests
 * trading seats never meet on one (the seat is unique within a plan).
 */
export async function writeGuestSeats(
	db: DB,
	planId: number,
	seats: { id: number; seat: string | null; locked: boolean }[]
): Promise<void> {
	if (!seats.length) return;
	await db
		.updateTable('seating_guests')
		.set({ seat_key: null })
		.where('plan_id', '=', planId)
		.where(
			'id',
			'in',
			seats.map((g) => g.id)
		)
		.execute();
	for (const g of seats)
		await db
			.updateTable('seating_guests')
			.set({ seat_key: g.seat, is_locked: g.seat ? g.locked : false })
			.where('plan_id', '=', planId)
			.where('id', '=', g.id)
			.execute();
}

// ---- versions -----------------------------------------------------------------------------

export async function insertVersion(
	db: DB,
	v: {
		planId: number;
		version: number;
		by: number;
		at: string;
		summary: string;
		/** Who sat where: participants by participantId, a talks plan's guests by guestId. */
		placements: ({ seat: string; locked: boolean } & (
			{ participantId: number } | { guestId: number }
		))[];
	}
): Promise<void> {
	await db
		.insertInto('seating_versions')
		.values({
			plan_id: v.planId,
			version: v.version,
			changed_by: v.by,
			changed_at: v.at,
			summary: v.summary.slice(0, 200),
			placements: JSON.stringify(v.placements)
		})
		.execute();
}

export interface VersionRow {
	version: number;
	changedAt: string;
	changedByName: string | null;
	summary: string;
}

/** A plan's latest versions, newest first (listVersions; read nested too). */
export function versionsRead(db: DB, plan: PlanKey, limit = 20) {
	return nestedRead(
		db
			.selectFrom('seating_versions as v')
			.leftJoin('users as u', 'u.id', 'v.changed_by')
			.select(['v.version', 'v.changed_at', 'u.name', 'v.summary'])
			.where('v.plan_id', '=', plan)
			.orderBy('v.version', 'desc')
			.limit(limit),
		['changed_at']
	);
}

export function toVersion(r: RowOf<ReturnType<typeof versionsRead>>): VersionRow {
	return {
		version: r.version,
		changedAt: r.changed_at,
		changedByName: r.name,
		summary: r.summary
	};
}

export async function listVersions(db: DB, planId: number, limit = 20): Promise<VersionRow[]> {
	return (await versionsRead(db, planId, limit).query.execute()).map(toVersion);
}
