import type { DB } from '../db';

/** A checked import file waiting to be committed. */
export interface ImportBatch {
	id: number;
	createdBy: number;
	fileName: string;
	/** The checked rows as JSON. */
	rows: string;
	createdAt: string;
	committedAt: string | null;
}

/** Deletes the batches created before `cutoff` and never committed; returns how many. */
export async function deleteUncommittedBatchesBefore(db: DB, cutoff: string): Promise<number> {
	const r = await db
		.deleteFrom('import_batches')
		.where('committed_at', 'is', null)
		.where('created_at', '<', cutoff)
		.executeTakeFirst();
	return Number(r.numDeletedRows);
}

export async function insertImportBatch(
	db: DB,
	b: { createdBy: number; fileName: string; rows: string; createdAt: string }
): Promise<number> {
	const r = await db
		.insertInto('import_batches')
		.values({
			created_by: b.createdBy,
			file_name: b.fileName,
			rows: b.rows,
			created_at: b.createdAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** A batch of `createdBy`'s that is not committed yet. */
export async function findOpenImportBatch(
	db: DB,
	id: number,
	createdBy: number
): Promise<ImportBatch | undefined> {
	const row = await db
		.selectFrom('import_batches')
		.selectAll()
		.where('id', '=', id)
		.where('created_by', '=', createdBy)
		.where('committed_at', 'is', null)
		.executeTakeFirst();
	return (
		row && {
			id: row.id,
			createdBy: row.created_by,
			fileName: row.file_name,
			rows: row.rows,
			createdAt: row.created_at,
			committedAt: row.committed_at
		}
	);
}

/**
 * Marks an open batch committed and replaces its rows, in one statement: of simultaneous
 * commits exactly one gets true (the others wait for the row's lock, then match nothing).
 */
export async function claimImportBatch(
	db: DB,
	id: number,
	createdBy: number,
	set: { committedAt: string; rows: string }
): Promise<boolean> {
	const r = await db
		.updateTable('import_batches')
		.set({ committed_at: set.committedAt, rows: set.rows })
		.where('id', '=', id)
		.where('created_by', '=', createdBy)
		.where('committed_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}
