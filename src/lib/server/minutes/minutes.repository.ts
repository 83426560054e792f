import { CLASSIFIED_LEVELS } from '$lib/domain/meetings';
import type { DB } from '../db';
import type { Updateable } from 'kysely';
import type { MeetingMinutesTable, MinutesStatus } from '../db/schema-minutes';
import type { DecisionDraft } from './minutes.schema';

export type { MinutesStatus };

/** A meeting's minutes as the server and the pages read them. */
export interface Minutes {
	id: number;
	meetingId: number;
	meetingTypeId: number;
	status: MinutesStatus;
	body: string;
	returnComment: string;
	draftedBy: number;
	draftedByName: string | null;
	createdAt: string;
	updatedAt: string;
	submittedAt: string | null;
	approvedBy: number | null;
	approvedByName: string | null;
	approvedAt: string | null;
	issuedBy: number | null;
	issuedAt: string | null;
	numberYear: number | null;
	numberSeq: number | null;
	number: string | null;
}

/** One numbered decision (议定事项) with its departments' names. */
export interface Decision {
	id: number;
	seq: number;
	text: string;
	leadDepartmentId: number | null;
	leadDepartmentName: string | null;
	coDepartments: { id: number; name: string }[];
	deadline: string | null;
}

function selectMinutes(db: DB) {
	return db
		.selectFrom('meeting_minutes as mm')
		.selectAll('mm')
		.select((eb) => [
			eb
				.selectFrom('users')
				.select('users.name')
				.whereRef('users.id', '=', 'mm.drafted_by')
				.as('drafted_by_name'),
			eb
				.selectFrom('users')
				.select('users.name')
				.whereRef('users.id', '=', 'mm.approved_by')
				.as('approved_by_name')
		]);
}

type MinutesRow = NonNullable<
	Awaited<ReturnType<ReturnType<typeof selectMinutes>['executeTakeFirst']>>
>;

function toMinutes(r: MinutesRow): Minutes {
	return {
		id: r.id,
		meetingId: r.meeting_id,
		meetingTypeId: r.meeting_type_id,
		status: r.status,
		body: r.body,
		returnComment: r.return_comment,
		draftedBy: r.drafted_by,
		draftedByName: r.drafted_by_name,
		createdAt: r.created_at,
		updatedAt: r.updated_at,
		submittedAt: r.submitted_at,
		approvedBy: r.approved_by,
		approvedByName: r.approved_by_name,
		approvedAt: r.approved_at,
		issuedBy: r.issued_by,
		issuedAt: r.issued_at,
		numberYear: r.number_year,
		numberSeq: r.number_seq,
		number: r.number
	};
}

export async function findMinutesByMeeting(
	db: DB,
	meetingId: number
): Promise<Minutes | undefined> {
	const r = await selectMinutes(db).where('mm.meeting_id', '=', meetingId).executeTakeFirst();
	return r && toMinutes(r);
}

export async function listDecisions(db: DB, minutesId: number): Promise<Decision[]> {
	const rows = await db
		.selectFrom('minute_decisions as d')
		.leftJoin('departments as dep', 'dep.id', 'd.lead_department_id')
		.select([
			'd.id',
			'd.seq',
			'd.text',
			'd.lead_department_id',
			'dep.name as lead_department_name',
			'd.deadline'
		])
		.where('d.minutes_id', '=', minutesId)
		.orderBy('d.seq')
		.execute();
	const co = rows.length
		? await db
				.selectFrom('minute_decision_departments as c')
				.innerJoin('departments as dep', 'dep.id', 'c.department_id')
				.select(['c.decision_id', 'c.department_id', 'dep.name'])
				.where(
					'c.decision_id',
					'in',
					rows.map((r) => r.id)
				)
				.orderBy('dep.sort_order')
				.orderBy('dep.id')
				.execute()
		: [];
	return rows.map((r) => ({
		id: r.id,
		seq: r.seq,
		text: r.text,
		leadDepartmentId: r.lead_department_id,
		leadDepartmentName: r.lead_department_name,
		coDepartments: co
			.filter((c) => c.decision_id === r.id)
			.map((c) => ({ id: c.department_id, name: c.name })),
		deadline: r.deadline
	}));
}

/** The ids among `ids` that name departments (to refuse a department that does not exist). */
export async function existingDepartmentIds(db: DB, ids: number[]): Promise<Set<number>> {
	if (!ids.length) return new Set();
	const rows = await db.selectFrom('departments').select('id').where('id', 'in', ids).execute();
	return new Set(rows.map((r) => r.id));
}

/**
 * A first draft, or nothing when the meeting has minutes already (a simultaneous first save):
 * the unique meeting_id decides. Returns the new id or undefined.
 */
export async function insertMinutesDraft(
	db: DB,
	n: { meetingId: number; meetingTypeId: number; draftedBy: number; body: string; at: string }
): Promise<number | undefined> {
	const r = await db
		.insertInto('meeting_minutes')
		.values({
			meeting_id: n.meetingId,
			meeting_type_id: n.meetingTypeId,
			status: 'draft',
			body: n.body,
			drafted_by: n.draftedBy,
			created_at: n.at,
			updated_at: n.at
		})
		.onConflict((oc) => oc.column('meeting_id').doNothing())
		.returning('id')
		.executeTakeFirst();
	return r?.id;
}

/**
 * Writes a draft's body while it is still a draft, in one statement (compare-and-set): false
 * when it was submitted meanwhile. The row stays locked until the transaction ends.
 */
export async function updateMinutesDraft(
	db: DB,
	id: number,
	body: string,
	at: string
): Promise<boolean> {
	const r = await db
		.updateTable('meeting_minutes')
		.set({ body, updated_at: at })
		.where('id', '=', id)
		.where('status', '=', 'draft')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function replaceDecisions(
	db: DB,
	minutesId: number,
	decisions: DecisionDraft[]
): Promise<void> {
	await db.deleteFrom('minute_decisions').where('minutes_id', '=', minutesId).execute();
	for (const d of decisions) {
		const r = await db
			.insertInto('minute_decisions')
			.values({
				minutes_id: minutesId,
				seq: d.seq,
				text: d.text,
				lead_department_id: d.leadDepartmentId,
				deadline: d.deadline
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		if (d.coDepartmentIds.length) {
			await db
				.insertInto('minute_decision_departments')
				.values(d.coDepartmentIds.map((department_id) => ({ decision_id: r.id, department_id })))
				.execute();
		}
	}
}

/** The columns a transition sets besides the status (times, who decided, the comment). */
export type MinutesStamp = Omit<Updateable<MeetingMinutesTable>, 'id' | 'status'>;

/**
 * Moves minutes from one status to the next in one statement (compare-and-set): of
 * simultaneous calls only one gets true; on PostgreSQL the others wait on the row and then find
 * it moved. draft → submitted clears an answered return comment; submitted → draft carries one.
 */
export async function moveMinutes(
	db: DB,
	id: number,
	from: MinutesStatus,
	to: MinutesStatus,
	stamp: MinutesStamp
): Promise<boolean> {
	const r = await db
		.updateTable('meeting_minutes')
		.set({ ...stamp, status: to })
		.where('id', '=', id)
		.where('status', '=', from)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** The number given at issue, with the meeting type whose series it was taken from. */
export async function setMinutesNumber(
	db: DB,
	id: number,
	n: { typeId: number; year: number; seq: number; number: string }
): Promise<void> {
	await db
		.updateTable('meeting_minutes')
		.set({ meeting_type_id: n.typeId, number_year: n.year, number_seq: n.seq, number: n.number })
		.where('id', '=', id)
		.execute();
}

/**
 * One decision with its minutes and meeting (督办 from a decision): the minutes' status and
 * number, the meeting's title and classification; co-departments by id.
 */
export async function findDecisionWithMinutes(db: DB, decisionId: number) {
	const r = await db
		.selectFrom('minute_decisions as d')
		.innerJoin('meeting_minutes as mm', 'mm.id', 'd.minutes_id')
		.innerJoin('meetings as mt', 'mt.id', 'mm.meeting_id')
		.select([
			'd.id',
			'd.seq',
			'd.text',
			'd.lead_department_id',
			'd.deadline',
			'mm.status',
			'mm.number',
			'mt.id as meeting_id',
			'mt.title as meeting_title',
			'mt.classification'
		])
		.where('d.id', '=', decisionId)
		.executeTakeFirst();
	if (!r) return undefined;
	const co = await db
		.selectFrom('minute_decision_departments')
		.select('department_id')
		.where('decision_id', '=', decisionId)
		.orderBy('department_id')
		.execute();
	return {
		id: r.id,
		seq: r.seq,
		text: r.text,
		leadDepartmentId: r.lead_department_id,
		coDepartmentIds: co.map((c) => c.department_id),
		deadline: r.deadline,
		minutesStatus: r.status,
		minutesNumber: r.number,
		meetingId: r.meeting_id,
		meetingTitle: r.meeting_title,
		classification: r.classification
	};
}

/** A decision of issued minutes, for the supervisors' list of decisions to make items of. */
export interface IssuedDecisionRow {
	id: number;
	seq: number;
	text: string;
	leadDepartmentId: number;
	deadline: string | null;
	meetingId: number;
	meetingTitle: string;
	minutesNumber: string;
	issuedAt: string;
}

/**
 * Decisions that name a lead department, of issued minutes of meetings that are not
 * classified (a 秘密/机密 meeting's decisions are made items from its own minutes page by a
 * leader who may read it), newest minutes first.
 */
export async function findIssuedDecisions(db: DB, limit: number): Promise<IssuedDecisionRow[]> {
	const rows = await db
		.selectFrom('minute_decisions as d')
		.innerJoin('meeting_minutes as mm', 'mm.id', 'd.minutes_id')
		.innerJoin('meetings as mt', 'mt.id', 'mm.meeting_id')
		.select([
			'd.id',
			'd.seq',
			'd.text',
			'd.lead_department_id',
			'd.deadline',
			'mt.id as meeting_id',
			'mt.title as meeting_title',
			'mm.number',
			'mm.issued_at'
		])
		.where('mm.status', '=', 'issued')
		.where('d.lead_department_id', 'is not', null)
		.where('mt.classification', 'not in', [...CLASSIFIED_LEVELS])
		.orderBy('mm.issued_at', 'desc')
		.orderBy('d.seq')
		.limit(limit)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		seq: r.seq,
		text: r.text,
		leadDepartmentId: r.lead_department_id!,
		deadline: r.deadline,
		meetingId: r.meeting_id,
		meetingTitle: r.meeting_title,
		minutesNumber: r.number ?? '',
		issuedAt: r.issued_at ?? ''
	}));
}
