import type { Kysely } from 'kysely';

// Found with `npm run bench` (1,000 people, 25,000 meetings, ≈500,000 participant rows).
export async function up(db: Kysely<any>): Promise<void> {
	// Upcoming meetings (home page, lists filtered from a date) test ends_at > from: without
	// this, a full scan of meetings, whose cost estimate also made PostgreSQL JIT-compile it.
	await db.schema.createIndex('meetings_ends_ix').on('meetings').column('ends_at').execute();
	// "Is this person a deputy in this meeting?" is asked per meeting by the calendar and the
	// feed; with (deputy_id) alone SQLite read all of the person's deputy rows each time.
	await db.schema
		.createIndex('participants_deputy_meeting_ix')
		.on('meeting_participants')
		.columns(['deputy_id', 'meeting_id'])
		.execute();
	await db.schema.dropIndex('participants_deputy_ix').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('participants_deputy_ix')
		.on('meeting_participants')
		.column('deputy_id')
		.execute();
	await db.schema.dropIndex('participants_deputy_meeting_ix').execute();
	await db.schema.dropIndex('meetings_ends_ix').execute();
}
