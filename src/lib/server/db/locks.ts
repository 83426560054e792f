import { sql } from 'kysely';
import { dialectOfDb, type DB } from './connect';

/**
 * Row locks for rules that span rows (a meeting's deputies, a room's bookings, one username).
 *
 * PostgreSQL: `SELECT … FOR NO KEY UPDATE` makes a second transaction taking the same lock (or
 * updating the row) wait until the first commits; under READ COMMITTED every later statement of
 * the waiting transaction then sees what the first wrote, so its checks see the new state. Rows
 * that merely refer to the locked one (a notification, an attachment) can still be inserted.
 *
 * SQLite: nothing to lock. A process holds one connection and Kysely runs one transaction on
 * it at a time; across processes every transaction begins IMMEDIATE (db/connect.ts), so it
 * waits for the other writer and reads what it committed.
 */
export async function lockRow(
	trx: DB,
	table: 'meetings' | 'users' | 'departments' | 'rooms' | 'meeting_types' | 'sessions',
	id: number | string
): Promise<void> {
	if (!trx.isTransaction) throw new Error(`lockRow(${table}) must run inside a transaction`);
	if (dialectOfDb(trx) !== 'postgres') return;
	await sql`select id from ${sql.table(table)} where id = ${id} for no key update`.execute(trx);
}

/**
 * Serialises transactions on something that has no row to lock yet (first-run setup, the
 * settings, a name about to be created): a PostgreSQL advisory lock held until the
 * transaction ends. SQLite needs none (see lockRow).
 */
export async function lockName(trx: DB, name: string): Promise<void> {
	if (!trx.isTransaction) throw new Error(`lockName(${name}) must run inside a transaction`);
	if (dialectOfDb(trx) !== 'postgres') return;
	await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
