import type { DB } from '../db';
import { likeContains } from '../db/like';
import type { DutyLogKind } from '../db/schema-duty';

/** One call, visit or incident recorded during a shift (值班记录). */
export interface DutyLogEntry {
	id: number;
	periodId: number;
	periodName: string;
	shiftId: number;
	shiftName: string;
	date: string;
	kind: DutyLogKind;
	occurredAt: string;
	caller: string;
	unit: string;
	phone: string;
	matter: string;
	handling: string;
	reportedAt: string | null;
	reportedTo: string;
	createdBy: number;
	createdByName: string;
	createdAt: string;
}

/** The handover note (交班事项) of one shift instance, and who acknowledged it. */
export interface DutyHandover {
	shiftId: number;
	date: string;
	periodId: number;
	note: string;
	writtenBy: number;
	writtenByName: string;
	writtenAt: string;
	acknowledgedBy: number | null;
	acknowledgedByName: string | null;
	acknowledgedAt: string | null;
}

function entryQuery(db: DB) {
	return db
		.selectFrom('duty_log_entries as e')
		.innerJoin('duty_periods as p', 'p.id', 'e.period_id')
		.innerJoin('duty_shifts as s', 's.id', 'e.shift_id')
		.innerJoin('users as u', 'u.id', 'e.created_by')
		.select([
			'e.id',
			'e.period_id',
			'p.name as period_name',
			'e.shift_id',
			's.name as shift_name',
			'e.duty_date',
			'e.kind',
			'e.occurred_at',
			'e.caller',
			'e.unit',
			'e.phone',
			'e.matter',
			'e.handling',
			'e.reported_at',
			'e.reported_to',
			'e.created_by',
			'u.name as created_by_name',
			'e.created_at'
		]);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entryQuery>['execute']>>[number];

function toEntry(r: EntryRow): DutyLogEntry {
	return {
		id: r.id,
		periodId: r.period_id,
		periodName: r.period_name,
		shiftId: r.shift_id,
		shiftName: r.shift_name,
		date: r.duty_date,
		kind: r.kind,
		occurredAt: r.occurred_at,
		caller: r.caller,
		unit: r.unit,
		phone: r.phone,
		matter: r.matter,
		handling: r.handling,
		reportedAt: r.reported_at,
		reportedTo: r.reported_to,
		createdBy: r.created_by,
		createdByName: r.created_by_name,
		createdAt: r.created_at
	};
}

/** An entry as it is written. */
export type NewLogEntry = Omit<DutyLogEntry, 'id' | 'periodName' | 'shiftName' | 'createdByName'>;

export async function insertLogEntry(db: DB, e: NewLogEntry): Promise<number> {
	const r = await db
		.insertInto('duty_log_entries')
		.values({
			period_id: e.periodId,
			shift_id: e.shiftId,
			duty_date: e.date,
			kind: e.kind,
			occurred_at: e.occurredAt,
			caller: e.caller,
			unit: e.unit,
			phone: e.phone,
			matter: e.matter,
			handling: e.handling,
			reported_at: e.reportedAt,
			reported_to: e.reportedTo,
			created_by: e.createdBy,
			created_at: e.createdAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** The entry already saved with the same shift, author, time, kind and matter (a resend). */
export async function findSameLogEntry(
	db: DB,
	e: Pick<NewLogEntry, 'shiftId' | 'date' | 'createdBy' | 'occurredAt' | 'kind' | 'matter'>
): Promise<number | undefined> {
	const r = await db
		.selectFrom('duty_log_entries')
		.select('id')
		.where('shift_id', '=', e.shiftId)
		.where('duty_date', '=', e.date)
		.where('created_by', '=', e.createdBy)
		.where('occurred_at', '=', e.occurredAt)
		.where('kind', '=', e.kind)
		.where('matter', '=', e.matter)
		.executeTakeFirst();
	return r?.id;
}

/** A period's entries (or one shift instance's) in the order they happened. */
export async function listLogEntries(
	db: DB,
	periodId: number,
	instance?: { shiftId: number; date: string }
): Promise<DutyLogEntry[]> {
	let q = entryQuery(db).where('e.period_id', '=', periodId);
	if (instance)
		q = q.where('e.shift_id', '=', instance.shiftId).where('e.duty_date', '=', instance.date);
	const rows = await q.orderBy('e.occurred_at').orderBy('e.id').execute();
	return rows.map(toEntry);
}

export async function countLogEntriesByInstance(
	db: DB,
	periodId: number
): Promise<Array<{ shiftId: number; date: string; count: number }>> {
	const rows = await db
		.selectFrom('duty_log_entries')
		.select(['shift_id', 'duty_date', (eb) => eb.fn.countAll<number>().as('n')])
		.where('period_id', '=', periodId)
		.groupBy(['shift_id', 'duty_date'])
		.execute();
	return rows.map((r) => ({ shiftId: r.shift_id, date: r.duty_date, count: Number(r.n) }));
}

export interface LogSearchFilter {
	periodId?: number;
	publishedOnly?: boolean;
	date?: string;
	q?: string;
	page: number;
	pageSize: number;
}

const SEARCHED = ['e.caller', 'e.unit', 'e.phone', 'e.matter', 'e.handling'] as const;

export async function searchLogEntries(
	db: DB,
	f: LogSearchFilter
): Promise<{ rows: DutyLogEntry[]; total: number }> {
	let q = entryQuery(db);
	if (f.publishedOnly) q = q.where('p.status', '=', 'published');
	if (f.periodId) q = q.where('e.period_id', '=', f.periodId);
	if (f.date) q = q.where('e.duty_date', '=', f.date);
	const text = f.q;
	if (text) q = q.where((eb) => eb.or(SEARCHED.map((c) => likeContains(c, text))));
	const total = await q
		.clearSelect()
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	const rows = await q
		.orderBy('e.occurred_at', 'desc')
		.orderBy('e.id', 'desc')
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize)
		.execute();
	return { rows: rows.map(toEntry), total: Number(total.n) };
}

function handoverQuery(db: DB) {
	return db
		.selectFrom('duty_handovers as h')
		.innerJoin('users as w', 'w.id', 'h.written_by')
		.leftJoin('users as a', 'a.id', 'h.acknowledged_by')
		.select([
			'h.shift_id',
			'h.duty_date',
			'h.period_id',
			'h.note',
			'h.written_by',
			'w.name as written_by_name',
			'h.written_at',
			'h.acknowledged_by',
			'a.name as acknowledged_by_name',
			'h.acknowledged_at'
		]);
}

type HandoverRow = Awaited<ReturnType<ReturnType<typeof handoverQuery>['execute']>>[number];

function toHandover(r: HandoverRow): DutyHandover {
	return {
		shiftId: r.shift_id,
		date: r.duty_date,
		periodId: r.period_id,
		note: r.note,
		writtenBy: r.written_by,
		writtenByName: r.written_by_name,
		writtenAt: r.written_at,
		acknowledgedBy: r.acknowledged_by,
		acknowledgedByName: r.acknowledged_by_name,
		acknowledgedAt: r.acknowledged_at
	};
}

export async function findHandover(
	db: DB,
	shiftId: number,
	date: string
): Promise<DutyHandover | undefined> {
	const r = await handoverQuery(db)
		.where('h.shift_id', '=', shiftId)
		.where('h.duty_date', '=', date)
		.executeTakeFirst();
	return r && toHandover(r);
}

export async function listHandovers(db: DB, periodId: number): Promise<DutyHandover[]> {
	const rows = await handoverQuery(db).where('h.period_id', '=', periodId).execute();
	return rows.map(toHandover);
}

/** Writes or rewrites a handover note; an acknowledged one is left as it is. */
export async function upsertHandover(
	db: DB,
	h: Pick<DutyHandover, 'shiftId' | 'date' | 'periodId' | 'note' | 'writtenBy' | 'writtenAt'>
): Promise<void> {
	const row = {
		shift_id: h.shiftId,
		duty_date: h.date,
		period_id: h.periodId,
		note: h.note,
		written_by: h.writtenBy,
		written_at: h.writtenAt
	};
	await db
		.insertInto('duty_handovers')
		.values(row)
		.onConflict((oc) =>
			oc
				.columns(['shift_id', 'duty_date'])
				.doUpdateSet({ note: row.note, written_by: row.written_by, written_at: row.written_at })
				.where('duty_handovers.acknowledged_at', 'is', null)
		)
		.execute();
}

/** Marks a handover acknowledged; false when it already was. */
export async function setHandoverAcknowledged(
	db: DB,
	shiftId: number,
	date: string,
	userId: number,
	at: string
): Promise<boolean> {
	const r = await db
		.updateTable('duty_handovers')
		.set({ acknowledged_by: userId, acknowledged_at: at })
		.where('shift_id', '=', shiftId)
		.where('duty_date', '=', date)
		.where('acknowledged_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) > 0;
}
