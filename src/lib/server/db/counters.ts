import { sql } from 'kysely';
import type { DB } from './connect';

// Gap-free document numbers shared by every numbered series (纪要 per meeting type and year,
// 督办 per year): table document_counters (migrations/0011_minutes.ts).

/**
 * The next number of a series for a year, gap-free: the counter row is created if missing
 * (a simultaneous creation does nothing) and advanced in one UPDATE … RETURNING, which on
 * PostgreSQL holds the row until the transaction ends — the next caller waits and reads the
 * committed value; a rolled-back caller gives its number back. SQLite runs one writer at a time.
 */
export async function nextDocumentNumber(db: DB, series: string, year: number): Promise<number> {
	await db
		.insertInto('document_counters')
		.values({ series, year, last: 0 })
		.onConflict((oc) => oc.columns(['series', 'year']).doNothing())
		.execute();
	const r = await db
		.updateTable('document_counters')
		.set({ last: sql<number>`last + 1` })
		.where('series', '=', series)
		.where('year', '=', year)
		.returning('last')
		.executeTakeFirstOrThrow();
	return r.last;
}
