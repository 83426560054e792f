import type { DB } from '../db';
import { hoursOf } from './study-rules';

/** A self-study entry (自学记录). */
export interface StudyEntry {
	id: number;
	userId: number;
	entryDate: string;
	topic: string;
	material: string;
	hours: number;
	notes: string;
	createdAt: string;
	updatedAt: string;
}

export interface StudyEntryRow {
	entryDate: string;
	topic: string;
	material: string;
	hours: number;
	notes: string;
}

const COLUMNS = [
	'id',
	'user_id',
	'entry_date',
	'topic',
	'material',
	'half_hours',
	'notes',
	'created_at',
	'updated_at'
] as const;

type Raw = {
	id: number;
	user_id: number;
	entry_date: string;
	topic: string;
	material: string;
	half_hours: number;
	notes: string;
	created_at: string;
	updated_at: string;
};

function toEntry(r: Raw): StudyEntry {
	return {
		id: r.id,
		userId: r.user_id,
		entryDate: r.entry_date,
		topic: r.topic,
		material: r.material,
		hours: hoursOf(r.half_hours),
		notes: r.notes,
		createdAt: r.created_at,
		updatedAt: r.updated_at
	};
}

const toColumns = (e: StudyEntryRow) => ({
	entry_date: e.entryDate,
	topic: e.topic,
	material: e.material,
	half_hours: Math.round(e.hours * 2),
	notes: e.notes
});

export async function insertEntry(
	db: DB,
	userId: number,
	e: StudyEntryRow,
	at: string
): Promise<number> {
	const r = await db
		.insertInto('study_entries')
		.values({ user_id: userId, ...toColumns(e), created_at: at, updated_at: at })
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function findEntryById(db: DB, id: number): Promise<StudyEntry | undefined> {
	const r = await db
		.selectFrom('study_entries')
		.select(COLUMNS)
		.where('id', '=', id)
		.executeTakeFirst();
	return r && toEntry(r);
}

/** Changes the owner's entry; 0 when it is gone or not theirs. */
export async function updateEntryRow(
	db: DB,
	id: number,
	userId: number,
	e: StudyEntryRow,
	at: string
): Promise<number> {
	const r = await db
		.updateTable('study_entries')
		.set({ ...toColumns(e), updated_at: at })
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

/** Deletes the owner's entry; 0 when it is gone or not theirs. */
export async function deleteEntryRow(db: DB, id: number, userId: number): Promise<number> {
	const r = await db
		.deleteFrom('study_entries')
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

/** Hours a person logged on one day, leaving out one entry (the one being edited). */
export async function hoursOnDay(
	db: DB,
	userId: number,
	date: string,
	exceptId?: number
): Promise<number> {
	let q = db
		.selectFrom('study_entries')
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('half_hours'), eb.lit(0)).as('half'))
		.where('user_id', '=', userId)
		.where('entry_date', '=', date);
	if (exceptId != null) q = q.where('id', '!=', exceptId);
	const r = await q.executeTakeFirst();
	return hoursOf(Number(r?.half ?? 0));
}

/** A person's entries, newest first, a page at a time. */
export async function listEntriesOf(
	db: DB,
	userId: number,
	o: { limit: number; offset: number }
): Promise<StudyEntry[]> {
	const rows = await db
		.selectFrom('study_entries')
		.select(COLUMNS)
		.where('user_id', '=', userId)
		.orderBy('entry_date', 'desc')
		.orderBy('id', 'desc')
		.limit(o.limit)
		.offset(o.offset)
		.execute();
	return rows.map(toEntry);
}

export async function countEntriesOf(db: DB, userId: number): Promise<number> {
	const r = await db
		.selectFrom('study_entries')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(r?.n ?? 0);
}

/** Self-study hours per person with entries in [fromDate, toDate] (optionally some people). */
export async function hoursByUser(
	db: DB,
	fromDate: string,
	toDate: string,
	userIds?: number[]
): Promise<Map<number, number>> {
	if (userIds && userIds.length === 0) return new Map();
	let q = db
		.selectFrom('study_entries')
		.select((eb) => ['user_id', eb.fn.sum<number>('half_hours').as('half')])
		.where('entry_date', '>=', fromDate)
		.where('entry_date', '<=', toDate)
		.groupBy('user_id');
	if (userIds) q = q.where('user_id', 'in', userIds);
	const rows = await q.execute();
	return new Map(rows.map((r) => [r.user_id, hoursOf(Number(r.half))]));
}
