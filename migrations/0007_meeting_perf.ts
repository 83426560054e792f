import type { Kysely } from 'kysely';

// Found with `npm run bench` (1,000 people, 25,000 meetings, ≈500,000 participant rows) and
// EXPLAIN on both databases.
export async function up(db: Kysely<any>): Promise<void> {
	// Replies I owe (home page and meetings list) filter a person's rows by reply; with
	// (user_id) alone PostgreSQL fetched all 1,500 rows of a busy leader from the heap. The
	// meeting id makes "which meetings is this person on" an index-only scan too.
	await db.schema
		.createIndex('participants_user_reply_ix')
		.on('meeting_participants')
		.columns(['user_id', 'reply', 'meeting_id'])
		.execute();
	await db.schema.dropIndex('participants_user_ix').execute();
	// The meetings list filtered by type counts its matches from the index alone.
	await db.schema
		.createIndex('meetings_type_starts_ix')
		.on('meetings')
		.columns(['type_id', 'starts_at', 'ends_at', 'status'])
		.execute();
	// Every signed-in page counts the person's unread notifications; a leader has thousands
	// of read ones.
	await db.schema
		.createIndex('notifications_unread_ix')
		.on('notifications')
		.column('user_id')
		.where('read_at', 'is', null)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('notifications_unread_ix').execute();
	await db.schema.dropIndex('meetings_type_starts_ix').execute();
	await db.schema
		.createIndex('participants_user_ix')
		.on('meeting_participants')
		.column('user_id')
		.execute();
	await db.schema.dropIndex('participants_user_reply_ix').execute();
}
