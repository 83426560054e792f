import type { Kysely } from 'kysely';
import { addStampTriggers, dropStampTriggers, flag, instant, withId } from './columns';

// Replies from calendar clients (iTIP REPLY mails fetched over IMAP, issue 13):
//
// - calendar_replies: every REPLY mail handled, once per Message-ID (the unique key is the
//   compare-and-set: of any number of processes ingesting the same mail, one inserts). meeting
//   and user when they could be matched; outcome says what came of it (attend, excused,
//   tentative, unchanged, or why it was ignored: spoofed, old_sequence, unknown_meeting …);
//   note: the client's COMMENT or the refusal's message.
// - calendar_reply_polls: the last poll of the mailbox (one row per source, 'imap'), for the
//   admin's outbox page.
export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('calendar_replies'))
		.addColumn('message_id', 'varchar(255)', (c) => c.notNull().unique())
		.addColumn('meeting_id', 'integer', (c) => c.references('meetings.id').onDelete('cascade'))
		.addColumn('user_id', 'integer', (c) => c.references('users.id'))
		.addColumn('sender', 'varchar(255)', (c) => c.notNull().defaultTo(''))
		.addColumn('attendee', 'varchar(255)', (c) => c.notNull().defaultTo(''))
		.addColumn('partstat', 'varchar(20)', (c) => c.notNull().defaultTo(''))
		.addColumn('sequence', 'integer')
		.addColumn('outcome', 'varchar(20)', (c) => c.notNull())
		.addColumn('note', 'varchar(500)', (c) => c.notNull().defaultTo(''));
	t = instant(db, t, 'received_at', (c) => c.notNull());
	await t.execute();
	await db.schema
		.createIndex('calendar_replies_meeting_ix')
		.on('calendar_replies')
		.columns(['meeting_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('calendar_replies_received_ix')
		.on('calendar_replies')
		.column('received_at')
		.execute();

	t = db.schema
		.createTable('calendar_reply_polls')
		.addColumn('source', 'varchar(20)', (c) => c.primaryKey());
	t = instant(db, t, 'polled_at', (c) => c.notNull());
	t = flag(db, t, 'is_ok', true);
	t = t
		.addColumn('fetched', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('handled', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('error', 'varchar(500)', (c) => c.notNull().defaultTo(''));
	await t.execute();

	for (const table of ['calendar_replies', 'calendar_reply_polls'])
		await addStampTriggers(db, table);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['calendar_reply_polls', 'calendar_replies']) {
		await dropStampTriggers(db, table);
		await db.schema.dropTable(table).execute();
	}
}
