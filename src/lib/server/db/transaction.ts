import type { DB } from './connect';

/**
 * Runs `work` in a transaction: a new one, or the caller's when `db` already is one (the demo
 * loader and other services compose service calls inside their own transaction).
 */
export function inTransaction<T>(db: DB, work: (trx: DB) => Promise<T>): Promise<T> {
	return db.isTransaction ? work(db) : db.transaction().execute(work);
}
