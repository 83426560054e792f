import type { Selectable } from 'kysely';
import type { DB } from '../db';
import type { OutboxStatus, OutboxTable } from '../db/schema';

/** One queued e-mail. */
export interface OutboxRecord {
	id: number;
	toAddress: string;
	toName: string;
	subject: string;
	text: string;
	html: string;
	ics: string | null;
	icsMethod: string | null;
	meetingId: number | null;
	status: OutboxStatus;
	attempts: number;
	lastError: string;
	nextAttemptAt: string;
	createdAt: string;
	sentAt: string | null;
}

function toOutboxRecord(r: Selectable<OutboxTable>): OutboxRecord {
	return {
		id: r.id,
		toAddress: r.to_address,
		toName: r.to_name,
		subject: r.subject,
		text: r.text_body,
		html: r.html_body,
		ics: r.ics,
		icsMethod: r.ics_method,
		meetingId: r.meeting_id,
		status: r.status,
		attempts: r.attempts,
		lastError: r.last_error,
		nextAttemptAt: r.next_attempt_at,
		createdAt: r.created_at,
		sentAt: r.sent_at
	};
}

export type NewOutboxRecord = Pick<
	OutboxRecord,
	| 'toAddress'
	| 'toName'
	| 'subject'
	| 'text'
	| 'html'
	| 'ics'
	| 'icsMethod'
	| 'meetingId'
	| 'status'
	| 'nextAttemptAt'
	| 'createdAt'
>;

export async function insertOutboxRow(trx: DB, mail: NewOutboxRecord): Promise<number> {
	const r = await trx
		.insertInto('outbox')
		.values({
			to_address: mail.toAddress,
			to_name: mail.toName,
			subject: mail.subject,
			text_body: mail.text,
			html_body: mail.html,
			ics: mail.ics,
			ics_method: mail.icsMethod,
			meeting_id: mail.meetingId,
			status: mail.status,
			next_attempt_at: mail.nextAttemptAt,
			created_at: mail.createdAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Many rows in one statement per 500 (insertOutboxRow's bulk twin, for ticks that send many). */
export async function insertOutboxRows(trx: DB, mails: NewOutboxRecord[]): Promise<void> {
	const rows = mails.map((mail) => ({
		to_address: mail.toAddress,
		to_name: mail.toName,
		subject: mail.subject,
		text_body: mail.text,
		html_body: mail.html,
		ics: mail.ics,
		ics_method: mail.icsMethod,
		meeting_id: mail.meetingId,
		status: mail.status,
		next_attempt_at: mail.nextAttemptAt,
		created_at: mail.createdAt
	}));
	for (let i = 0; i < rows.length; i += 500) {
		await trx
			.insertInto('outbox')
			.values(rows.slice(i, i + 500))
			.execute();
	}
}

export async function findOutboxRow(db: DB, id: number): Promise<OutboxRecord | undefined> {
	const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
	return row && toOutboxRecord(row);
}

/** Pending rows whose time has come, oldest first. */
export async function findDueOutboxIds(db: DB, now: string, limit: number): Promise<number[]> {
	const rows = await db
		.selectFrom('outbox')
		.select('id')
		.where('status', '=', 'pending')
		.where('next_attempt_at', '<=', now)
		.orderBy('id')
		.limit(limit)
		.execute();
	return rows.map((r) => r.id);
}

/**
 * Takes a due row for one sender by pushing its next attempt to `leaseUntil`; false when another
 * process took it first. On PostgreSQL the losing UPDATE waits for the winner's commit and then
 * re-checks the WHERE, so exactly one of them affects the row.
 */
export async function claimOutboxRow(
	db: DB,
	id: number,
	now: string,
	leaseUntil: string
): Promise<boolean> {
	const r = await db
		.updateTable('outbox')
		.set({ next_attempt_at: leaseUntil })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.where('next_attempt_at', '<=', now)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function markOutboxSent(db: DB, id: number, attempts: number, now: string) {
	await db
		.updateTable('outbox')
		.set({ status: 'sent', attempts, sent_at: now, last_error: '' })
		.where('id', '=', id)
		.execute();
}

export async function markOutboxFailure(
	db: DB,
	id: number,
	f: { attempts: number; status: OutboxStatus; lastError: string; nextAttemptAt: string }
) {
	await db
		.updateTable('outbox')
		.set({
			attempts: f.attempts,
			status: f.status,
			last_error: f.lastError,
			next_attempt_at: f.nextAttemptAt
		})
		.where('id', '=', id)
		.execute();
}

/** A failed row back in the queue for a full new round of attempts; false if it is not failed. */
export async function requeueFailedRow(trx: DB, id: number, now: string): Promise<boolean> {
	const r = await trx
		.updateTable('outbox')
		.set({ status: 'pending', attempts: 0, next_attempt_at: now })
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export interface OutboxFilter {
	status?: OutboxStatus;
	page: number;
	pageSize: number;
}

export async function listOutboxRows(
	db: DB,
	f: OutboxFilter
): Promise<{ rows: OutboxRecord[]; total: number }> {
	let q = db.selectFrom('outbox');
	if (f.status) q = q.where('status', '=', f.status);
	const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	const rows = await q
		.selectAll()
		.orderBy('id', 'desc')
		.limit(f.pageSize)
		.offset((f.page - 1) * f.pageSize)
		.execute();
	return { rows: rows.map(toOutboxRecord), total: Number(total.n) };
}
