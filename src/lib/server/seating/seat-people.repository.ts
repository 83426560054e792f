import type { DB } from '../db';
import { jsonRows } from '../db/json-rows';
import type { ParticipantRole, ReplyKind } from '../db/schema';
import { participantsWithPeople } from '../meetings/participants.repository';
import type { PlacementRow } from './seating.repository';
import type { PackedPlanSeats } from './seating.types';

// The people a meeting's seating plan seats, as the service and the plan page read them: each
// participant with what seating shows and orders them by, who sits where, whose reply or deputy
// changed since the plan was arranged, and who has no seat (the plan itself:
// seating.repository.ts).

export interface SeatPersonRow {
	participantId: number;
	userId: number;
	name: string;
	title: string;
	precedence: number;
	departmentId: number | null;
	departmentName: string | null;
	departmentSort: number | null;
	role: ParticipantRole;
	reply: ReplyKind;
	deputyId: number | null;
	deputyName: string | null;
}

/** What seating reads of each participant (listSeatPeople, listSeatPeopleAndPlaces). */
const SEAT_PERSON_COLUMNS = [
	'p.id',
	'p.user_id',
	'u.name',
	'u.title',
	'u.precedence',
	'u.department_id',
	'd.name as department_name',
	'd.sort_order as department_sort',
	'p.role',
	'p.reply',
	'p.deputy_id',
	'dep.name as deputy_name'
] as const;

function toSeatPerson(r: {
	id: number;
	user_id: number;
	name: string;
	title: string;
	precedence: number;
	department_id: number | null;
	department_name: string | null;
	department_sort: number | null;
	role: SeatPersonRow['role'];
	reply: SeatPersonRow['reply'];
	deputy_id: number | null;
	deputy_name: string | null;
}): SeatPersonRow {
	return {
		participantId: r.id,
		userId: r.user_id,
		name: r.name,
		title: r.title,
		precedence: r.precedence,
		departmentId: r.department_id,
		departmentName: r.department_name,
		departmentSort: r.department_sort,
		role: r.role,
		reply: r.reply,
		deputyId: r.deputy_id,
		deputyName: r.deputy_name
	};
}

/**
 * The meeting's people and, in the same read, who sits where on its plan: the plan page's and
 * the print pages' one query of 500 people (placements in the order they were written).
 */
export async function listSeatPeopleAndPlaces(
	db: DB,
	meetingId: number,
	planId: number
): Promise<{ people: SeatPersonRow[]; placements: PlacementRow[] }> {
	const rows = await participantsWithPeople(db, meetingId)
		.leftJoin('seating_placements as sp', (j) =>
			j.onRef('sp.participant_id', '=', 'p.id').on('sp.plan_id', '=', planId)
		)
		.select([
			...SEAT_PERSON_COLUMNS,
			'sp.id as placement_id',
			'sp.seat_key',
			'sp.is_locked',
			'sp.arranged_reply',
			'sp.arranged_deputy_id'
		])
		.orderBy('p.id')
		.execute();
	const people: SeatPersonRow[] = [];
	const placed: (PlacementRow & { order: number })[] = [];
	for (const r of rows) {
		people.push(toSeatPerson(r));
		if (r.placement_id != null && r.seat_key != null)
			placed.push({
				order: r.placement_id,
				seat: r.seat_key,
				participantId: r.id,
				locked: !!r.is_locked,
				arrangedReply: r.arranged_reply ?? 'pending',
				arrangedDeputyId: r.arranged_deputy_id
			});
	}
	placed.sort((a, b) => a.order - b.order);
	return { people, placements: placed.map(({ order: _, ...p }) => p) };
}

/** The columns of a PlanSeatTuple, in its order. */
const PLAN_SEAT_COLUMNS = [
	'sp.seat_key',
	'sp.participant_id',
	'u.name',
	'p.reply',
	'dep.name',
	'sp.is_locked'
] as const;

/**
 * The taken seats of a plan, each with what the plan page shows on it, as one JSON text the
 * database writes (json-rows.ts) and the page passes on unparsed, with their count. In no
 * particular order: the page finds a seat by its key.
 */
export async function listPlanSeats(db: DB, planId: number): Promise<PackedPlanSeats> {
	const row = await db
		.selectFrom('seating_placements as sp')
		.innerJoin('meeting_participants as p', 'p.id', 'sp.participant_id')
		.innerJoin('users as u', 'u.id', 'p.user_id')
		.leftJoin('users as dep', 'dep.id', 'p.deputy_id')
		.select((eb) => [
			eb.fn.countAll<number>().as('taken'),
			jsonRows(db, PLAN_SEAT_COLUMNS).as('json')
		])
		.where('sp.plan_id', '=', planId)
		.executeTakeFirstOrThrow();
	return { taken: Number(row.taken), json: row.json };
}

/** A seated person whose reply or deputy is not what the plan was arranged with. */
export interface ChangedSeatRow {
	participantId: number;
	name: string;
	reply: ReplyKind;
	deputyId: number | null;
	arrangedReply: string;
	arrangedDeputyId: number | null;
}

/**
 * The placements of a plan whose person's reply or deputy differs from the one the plan was
 * arranged with (`arranged_reply`, `arranged_deputy_id`): the only seated people in whom the
 * plan page can find a change (planChanges), a handful of 500.
 */
export async function listChangedSeats(db: DB, planId: number): Promise<ChangedSeatRow[]> {
	const rows = await db
		.selectFrom('seating_placements as sp')
		.innerJoin('meeting_participants as p', 'p.id', 'sp.participant_id')
		.innerJoin('users as u', 'u.id', 'p.user_id')
		.select([
			'sp.participant_id',
			'u.name',
			'p.reply',
			'p.deputy_id',
			'sp.arranged_reply',
			'sp.arranged_deputy_id'
		])
		.where('sp.plan_id', '=', planId)
		.where((eb) =>
			eb.or([
				eb('sp.arranged_reply', '<>', eb.ref('p.reply')),
				eb('sp.arranged_deputy_id', 'is distinct from', eb.ref('p.deputy_id'))
			])
		)
		.orderBy('sp.id')
		.execute();
	return rows.map((r) => ({
		participantId: r.participant_id,
		name: r.name,
		reply: r.reply,
		deputyId: r.deputy_id,
		arrangedReply: r.arranged_reply,
		arrangedDeputyId: r.arranged_deputy_id
	}));
}

/** A meeting's participants with what seating shows and orders them by. */
function seatPeopleOf(db: DB, meetingId: number) {
	return participantsWithPeople(db, meetingId).select(SEAT_PERSON_COLUMNS);
}

/** The meeting's participants without a seat on the plan (the plan page's 未安排 list), by id. */
export async function listUnseatedPeople(
	db: DB,
	meetingId: number,
	planId: number
): Promise<SeatPersonRow[]> {
	const rows = await seatPeopleOf(db, meetingId)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('seating_placements as sp')
						.select('sp.id')
						.whereRef('sp.participant_id', '=', 'p.id')
						.where('sp.plan_id', '=', planId)
				)
			)
		)
		.orderBy('p.id')
		.execute();
	return rows.map(toSeatPerson);
}

/** The meeting's participants with what seating orders them by (precedence, department order). */
export async function listSeatPeople(db: DB, meetingId: number): Promise<SeatPersonRow[]> {
	const rows = await seatPeopleOf(db, meetingId).orderBy('p.id').execute();
	return rows.map(toSeatPerson);
}
