import type { DB } from '../db';

/** Inserts the mark `key`; false when it was already there (the primary key decides). */
export async function insertJobMark(db: DB, key: string, at: string): Promise<boolean> {
	const inserted = await db
		.insertInto('job_marks')
		.values({ key, created_at: at })
		.onConflict((oc) => oc.column('key').doNothing())
		.returning('key')
		.executeTakeFirst();
	return inserted !== undefined;
}
