import type { DB } from '../db';
import { jsonRows, nestedColumns, rowsOfJson, type NestedRead, type RowsOf } from '../db/json-rows';
import type { ParticipantRole, ReplyKind } from '../db/schema';
import { participantsWithPeople } from '../meetings/participants.repository';
import type { PlacementRow, PlanKey } from './seating.repository';
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

type SeatPersonSqlRow = Parameters<typeof toSeatPerson>[0];

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

/** A seated person whose reply or deputy is not what the plan was arranged with. */
export interface ChangedSeatRow {
	participantId: number;
	name: string;
	reply: ReplyKind;
	deputyId: number | null;
	arrangedReply: string;
	arrangedDeputyId: number | null;
}

/** What the plan page reads of the meeting's people against its plan (planSeatingRead). */
export interface PlanSeating {
	/** The taken seats, passed to the page as the database wrote them. */
	seats: PackedPlanSeats;
	/**
	 * The seated whose reply or deputy is not what the plan was arranged with
	 * (`arranged_reply`, `arranged_deputy_id`): the only seated people in whom the page can find
	 * a change (planChanges), a handful of 500.
	 */
	changed: ChangedSeatRow[];
	/** The participants without a seat (the 未安排 list), in full, by participant id. */
	unseated: SeatPersonRow[];
}

/** The columns of a PlanSeatTuple, in its order. */
const PLAN_SEAT_COLUMNS = [
	'sp.seat_key',
	'p.id',
	'u.name',
	'p.reply',
	'dep.name',
	'sp.is_locked'
] as const;

const CHANGED_COLUMNS = [
	'p.id',
	'u.name',
	'p.reply',
	'p.deputy_id',
	'sp.arranged_reply',
	'sp.arranged_deputy_id'
] as const;

/** SEAT_PERSON_COLUMNS without their aliases, in the same order (a JSON array a person). */
const SEAT_PERSON_REFS = SEAT_PERSON_COLUMNS.map((c) => c.split(' as ')[0]);
/** The names SEAT_PERSON_COLUMNS give their values in a row (the alias, else the column). */
const SEAT_PERSON_NAMES = SEAT_PERSON_COLUMNS.map((c) => c.split(' as ')[1] ?? c.split('.')[1]);

/**
 * The plan page's one read of the meeting's people against its plan: each participant once,
 * with their placement if they have one, gathered by the database into three JSON texts (the
 * taken seats, the changed, the unseated — json-rows.ts) and a count. Three reads over the
 * same 500 people cost half as much again; 500 rows as objects cost several times as much.
 * Without a plan (`planIdOfMeeting` finding none) everyone is unseated. `beside`: other reads
 * made in the same statement (the plan itself, its guests…), their rows in `beside`.
 *
 * The statement and how to read its one row; the plan page compiles it once (compiledOnce).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function planSeatingRead<Q extends Record<string, NestedRead<any>>>(
	db: DB,
	meetingId: number,
	plan: PlanKey,
	beside: Q
) {
	const nested = nestedColumns(db, beside);
	const query = participantsWithPeople(db, meetingId)
		.leftJoin('seating_placements as sp', (j) =>
			j.onRef('sp.participant_id', '=', 'p.id').on('sp.plan_id', '=', plan)
		)
		.select((eb) => [
			eb.fn.count<number>('sp.id').as('taken'),
			jsonRows(db, PLAN_SEAT_COLUMNS, eb('sp.id', 'is not', null)).as('seats'),
			jsonRows(
				db,
				CHANGED_COLUMNS,
				eb.and([
					eb('sp.id', 'is not', null),
					eb.or([
						eb('sp.arranged_reply', '<>', eb.ref('p.reply')),
						eb('sp.arranged_deputy_id', 'is distinct from', eb.ref('p.deputy_id'))
					])
				])
			).as('changed'),
			jsonRows(db, SEAT_PERSON_REFS, eb('sp.id', 'is', null)).as('unseated'),
			...nested.columns
		]);
	type PlanSeatingRow = { taken: number; seats: string; changed: string; unseated: string };
	const unpack = (statementRow: object): PlanSeating & { beside: RowsOf<Q> } => {
		const row = statementRow as PlanSeatingRow;
		return {
			seats: { taken: Number(row.taken), json: row.seats },
			changed: (JSON.parse(row.changed) as ChangedTuple[]).map(
				([participantId, name, reply, deputyId, arrangedReply, arrangedDeputyId]) => ({
					participantId,
					name,
					reply,
					deputyId,
					arrangedReply,
					arrangedDeputyId
				})
			),
			// Each unseated person's values in SEAT_PERSON_COLUMNS' order, named as the row would be.
			unseated: (rowsOfJson(row.unseated, SEAT_PERSON_NAMES) as SeatPersonSqlRow[])
				.map(toSeatPerson)
				.sort((a, b) => a.participantId - b.participantId),
			beside: nested.rowsOf(row)
		};
	};
	return { query, unpack };
}

type ChangedTuple = [
	participantId: number,
	name: string,
	reply: ReplyKind,
	deputyId: number | null,
	arrangedReply: string,
	arrangedDeputyId: number | null
];

/** The meeting's participants with what seating orders them by (precedence, department order). */
export async function listSeatPeople(db: DB, meetingId: number): Promise<SeatPersonRow[]> {
	const rows = await participantsWithPeople(db, meetingId)
		.select(SEAT_PERSON_COLUMNS)
		.orderBy('p.id')
		.execute();
	return rows.map(toSeatPerson);
}
