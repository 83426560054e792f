import type { DB } from '../db';
import { inTransaction } from '../db/transaction';

/** A checked import waits this long to be committed; it holds password hashes, so no longer. */
export const STAGED_BATCH_LIFETIME_MS = 24 * 3600_000;

/** Drops the batches previewed more than a day before `now` and never committed. */
export async function purgeStaleImportBatches(db: DB, now: Date): Promise<number> {
	const cutoff = new Date(now.getTime() - STAGED_BATCH_LIFETIME_MS).toISOString();
	const r = await db
		.deleteFrom('import_batches')
		.where('committed_at', 'is', null)
		.where('created_at', '<', cutoff)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

/** Keeps a clean preview's rows for the commit, clearing out stale ones first. */
export async function stageImportBatch(
	db: DB,
	batch: { createdBy: number; fileName: string; rows: string },
	now: Date
): Promise<number> {
	return inTransaction(db, async (trx) => {
		await purgeStaleImportBatches(trx, now);
		const r = await trx
			.insertInto('import_batches')
			.values({
				created_by: batch.createdBy,
				file_name: batch.fileName.slice(0, 255),
				rows: batch.rows,
				created_at: now.toISOString()
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		return r.id;
	});
}
