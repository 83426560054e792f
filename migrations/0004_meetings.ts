import type { Kysely } from 'kysely';
import { flag, instant, isPostgres, withId } from './columns';

const MEETING_TYPES = [
	'党组会议',
	'局务会议',
	'局长办公会议',
	'专题会议',
	'工作会议',
	'集中学习',
	'其他'
];

export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('meeting_types'))
		.addColumn('name', 'varchar(40)', (c) => c.notNull().unique())
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0));
	t = flag(db, t, 'is_active', true);
	await t.execute();
	await db
		.insertInto('meeting_types')
		.values(MEETING_TYPES.map((name, i) => ({ name, sort_order: (i + 1) * 10 })))
		.execute();

	t = withId(db, db.schema.createTable('rooms'))
		.addColumn('name', 'varchar(60)', (c) => c.notNull().unique())
		.addColumn('location', 'varchar(120)', (c) => c.notNull().defaultTo(''))
		.addColumn('capacity', 'integer', (c) => c.notNull())
		.addColumn('equipment', 'varchar(255)', (c) => c.notNull().defaultTo(''))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0));
	t = flag(db, t, 'is_active', true);
	await t.execute();

	t = withId(db, db.schema.createTable('meetings'))
		.addColumn('uid', 'varchar(80)', (c) => c.notNull().unique())
		.addColumn('title', 'varchar(200)', (c) => c.notNull())
		.addColumn('type_id', 'integer', (c) => c.notNull().references('meeting_types.id'))
		.addColumn('status', 'varchar(12)', (c) => c.notNull());
	t = instant(db, t, 'starts_at', (c) => c.notNull());
	t = instant(db, t, 'ends_at', (c) => c.notNull());
	t = t
		.addColumn('room_id', 'integer', (c) => c.references('rooms.id'))
		.addColumn('location', 'varchar(200)', (c) => c.notNull().defaultTo(''))
		.addColumn('organiser_department_id', 'integer', (c) => c.references('departments.id'))
		.addColumn('host_id', 'integer', (c) => c.references('users.id'))
		.addColumn('recorder_id', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'reply_deadline');
	t = t
		.addColumn('requirements', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
		.addColumn('contact_phone', 'varchar(32)', (c) => c.notNull().defaultTo(''))
		.addColumn('classification', 'varchar(12)', (c) => c.notNull().defaultTo('none'))
		.addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = instant(db, t, 'issued_at');
	t = instant(db, t, 'cancelled_at');
	t = t.addColumn('cancel_reason', 'varchar(200)', (c) => c.notNull().defaultTo(''));
	await t.execute();
	await db.schema.createIndex('meetings_starts_ix').on('meetings').column('starts_at').execute();
	await db.schema
		.createIndex('meetings_room_time_ix')
		.on('meetings')
		.columns(['room_id', 'starts_at'])
		.execute();

	t = withId(db, db.schema.createTable('meeting_agenda_items'))
		.addColumn('meeting_id', 'integer', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('title', 'varchar(200)', (c) => c.notNull())
		.addColumn('presenter', 'varchar(64)', (c) => c.notNull().defaultTo(''))
		.addColumn('planned_minutes', 'integer', (c) => c.notNull().defaultTo(0));
	await t.execute();
	await db.schema
		.createIndex('agenda_meeting_ix')
		.on('meeting_agenda_items')
		.column('meeting_id')
		.execute();

	t = withId(db, db.schema.createTable('meeting_participants'))
		.addColumn('meeting_id', 'integer', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('role', 'varchar(12)', (c) => c.notNull())
		.addColumn('via_department_id', 'integer', (c) => c.references('departments.id'))
		.addColumn('reply', 'varchar(12)', (c) => c.notNull().defaultTo('pending'))
		.addColumn('reply_reason', 'varchar(200)', (c) => c.notNull().defaultTo(''))
		.addColumn('deputy_id', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'replied_at');
	t = instant(db, t, 'deputy_confirmed_at');
	t = instant(db, t, 'checked_in_at');
	t = t.addColumn('checked_in_by', 'integer', (c) => c.references('users.id'));
	await t.execute();
	await db.schema
		.createIndex('participants_meeting_user_uq')
		.on('meeting_participants')
		.columns(['meeting_id', 'user_id'])
		.unique()
		.execute();
	await db.schema
		.createIndex('participants_user_ix')
		.on('meeting_participants')
		.column('user_id')
		.execute();
	await db.schema
		.createIndex('participants_deputy_ix')
		.on('meeting_participants')
		.column('deputy_id')
		.execute();

	t = withId(db, db.schema.createTable('meeting_logistics'))
		.addColumn('meeting_id', 'integer', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		.addColumn('item', 'varchar(60)', (c) => c.notNull())
		.addColumn('owner_id', 'integer', (c) => c.references('users.id'));
	t = flag(db, t, 'is_done', false);
	await t.execute();

	t = withId(db, db.schema.createTable('meeting_attachments'))
		.addColumn('meeting_id', 'integer', (c) =>
			c.notNull().references('meetings.id').onDelete('cascade')
		)
		.addColumn('file_name', 'varchar(255)', (c) => c.notNull())
		.addColumn('mime', 'varchar(100)', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'uploaded_at', (c) => c.notNull());
	await t.execute();

	t = withId(db, db.schema.createTable('notifications'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('kind', 'varchar(40)', (c) => c.notNull())
		.addColumn('title', 'varchar(200)', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('link', 'varchar(255)', (c) => c.notNull().defaultTo(''));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'read_at');
	await t.execute();
	await db.schema
		.createIndex('notifications_user_ix')
		.on('notifications')
		.columns(['user_id', 'created_at'])
		.execute();

	t = withId(db, db.schema.createTable('outbox'))
		.addColumn('to_address', 'varchar(255)', (c) => c.notNull())
		.addColumn('to_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
		.addColumn('subject', 'varchar(255)', (c) => c.notNull())
		.addColumn('text_body', 'text', (c) => c.notNull())
		.addColumn('html_body', 'text', (c) => c.notNull())
		.addColumn('ics', 'text')
		.addColumn('ics_method', 'varchar(12)')
		.addColumn('meeting_id', 'integer', (c) => c.references('meetings.id'))
		.addColumn('status', 'varchar(12)', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('last_error', 'varchar(500)', (c) => c.notNull().defaultTo(''));
	t = instant(db, t, 'next_attempt_at', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'sent_at');
	await t.execute();
	await db.schema
		.createIndex('outbox_due_ix')
		.on('outbox')
		.columns(['status', 'next_attempt_at'])
		.execute();

	// A job step that must happen once across all processes claims its key here first.
	t = db.schema.createTable('job_marks').addColumn('key', 'varchar(160)', (c) => c.primaryKey());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	await t.execute();

	t = db.schema
		.createTable('calendar_tokens')
		.addColumn('user_id', 'integer', (c) =>
			c.primaryKey().references('users.id').onDelete('cascade')
		)
		.addColumn('token', 'varchar(64)', (c) => c.notNull().unique());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	await t.execute();

	t = db.schema.createTable('meeting_checkin_codes');
	t = t
		.addColumn('meeting_id', 'integer', (c) =>
			c.primaryKey().references('meetings.id').onDelete('cascade')
		)
		.addColumn('code', 'varchar(64)', (c) => c.notNull().unique());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	await t.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'meeting_checkin_codes',
		'calendar_tokens',
		'job_marks',
		'outbox',
		'notifications',
		'meeting_attachments',
		'meeting_logistics',
		'meeting_participants',
		'meeting_agenda_items',
		'meetings',
		'rooms',
		'meeting_types'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
