import type { Kysely } from 'kysely';

// Found with `npm run bench:supervision` (20,000 items, 1,400 open) and EXPLAIN on both
// databases (issue 10, 督办 at scale).
export async function up(db: Kysely<any>): Promise<void> {
	// The 督办 list reads its order (overdue first, then by deadline) as two runs in deadline
	// order: the overdue open items from supervision_items_status_deadline_ix, the rest from
	// this one, each cut at the page's end — no sort over every item.
	await db.schema
		.createIndex('supervision_items_deadline_ix')
		.on('supervision_items')
		.columns(['deadline', 'id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('supervision_items_deadline_ix').execute();
}
