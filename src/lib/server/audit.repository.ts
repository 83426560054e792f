import type { DB } from './db';
import { likeContains, likeStartsWith } from './db/like';
import type { AuditRow, NewAuditRow } from './db/schema';

/** One row of the audit log; `changes` is the JSON text as stored. */
export interface AuditRecord {
	id: number;
	at: string;
	actorId: number | null;
	actorName: string;
	ip: string;
	action: string;
	entity: string;
	entityId: string | null;
	changes: string;
}

export function toAuditRecord(r: AuditRow): AuditRecord {
	return {
		id: r.id,
		at: r.at,
		actorId: r.actor_id,
		actorName: r.actor_name,
		ip: r.ip,
		action: r.action,
		entity: r.entity,
		entityId: r.entity_id,
		changes: r.changes
	};
}

/** Appends one row to the audit log (the table is append-only; see audit.ts for the helper). */
export async function insertAuditRow(trx: DB, row: NewAuditRow): Promise<void> {
	await trx.insertInto('audit_log').values(row).execute();
}

/** Appends many rows in one statement per 500 (insertAuditRow's bulk twin). */
export async function insertAuditRows(trx: DB, rows: NewAuditRow[]): Promise<void> {
	for (let i = 0; i < rows.length; i += 500) {
		await trx
			.insertInto('audit_log')
			.values(rows.slice(i, i + 500))
			.execute();
	}
}

export interface AuditFilter {
	actor?: string;
	action?: string;
	entity?: string;
	entityId?: string;
	from?: string;
	to?: string;
	page: number;
	pageSize: number;
}

export async function findAuditEntries(
	db: DB,
	f: AuditFilter
): Promise<{ rows: AuditRecord[]; total: number }> {
	let q = db.selectFrom('audit_log');
	if (f.actor) q = q.where(likeContains('actor_name', f.actor));
	if (f.action) q = q.where(likeStartsWith('action', f.action));
	if (f.entity) q = q.where('entity', '=', f.entity);
	if (f.entityId) q = q.where('entity_id', '=', f.entityId);
	if (f.from) q = q.where('at', '>=', f.from);
	if (f.to) q = q.where('at', '<', f.to);
	const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const rows = await q
		.selectAll()
		.orderBy('id', 'desc')
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize)
		.execute();
	return { rows: rows.map(toAuditRecord), total: Number(total.n) };
}

/** Of these meeting ids (as audit rows name them), the meetings that are classified now. */
export async function findClassifiedMeetingIds(db: DB, ids: number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const rows = await db
		.selectFrom('meetings')
		.select('id')
		.where('id', 'in', ids)
		.where('classification', 'in', ['secret', 'confidential'])
		.execute();
	return new Set(rows.map((r) => r.id));
}

/** The tables whose records audit entries name by id (see audit-names.ts). */
export type NamedTable = 'users' | 'departments' | 'rooms' | 'meeting_types';

/** The current names of these records of one table, by id. */
export async function findNamesByIds(
	db: DB,
	table: NamedTable,
	ids: number[]
): Promise<Map<number, string>> {
	if (!ids.length) return new Map();
	const rows = await db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** How many rows the audit log holds. */
export async function countAuditRows(db: DB): Promise<number> {
	const r = await db
		.selectFrom('audit_log')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(r.n);
}
