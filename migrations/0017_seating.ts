import type { Kysely } from 'kysely';
import { addStampTriggers, dropStampTriggers, flag, instant, withId } from './columns';

// Seating (座次, issue 12):
//
// - seating_templates: a room's layouts (rostrum rows, floor blocks, a talks table) as JSON.
// - seating_plans: one per meeting — its own copy of the layout, the conventions it is arranged
//   by, and `version`, the compare-and-set counter every change moves.
// - seating_placements: who sits where; a seat holds one person and a person one seat (the two
//   unique constraints). arranged_reply / arranged_deputy_id: the reply the person had when
//   seated, so the plan page can say what changed since.
// - seating_versions: each version's placements and a one-line summary (who changed what).
const TABLES = ['seating_templates', 'seating_plans', 'seating_placements', 'seating_versions'];

export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('seating_templates'))
		.addColumn('room_id', 'integer', (c) => c.notNull().references('rooms.id'))
		.addColumn('name', 'varchar(60)', (c) => c.notNull())
		.addColumn('layout', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = t.addUniqueConstraint('seating_templates_name_uq', ['room_id', 'name']);
	await t.execute();

	t = withId(db, db.schema.createTable('seating_plans'))
		.addColumn('meeting_id', 'integer', (c) => c.notNull().unique().references('meetings.id'))
		.addColumn('template_id', 'integer', (c) =>
			c.references('seating_templates.id').onDelete('set null')
		)
		.addColumn('layout', 'text', (c) => c.notNull())
		// left (以左为上) | right (以右为上)
		.addColumn('convention', 'varchar(8)', (c) => c.notNull())
		// The n=2 rostrum order: 12 | 21
		.addColumn('pair', 'varchar(4)', (c) => c.notNull())
		// precedence | department | surname_strokes | name_strokes
		.addColumn('floor_order', 'varchar(20)', (c) => c.notNull())
		// empty | close_up
		.addColumn('excused_mode', 'varchar(10)', (c) => c.notNull());
	t = flag(db, t, 'is_seat_staff', false);
	t = t
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('updated_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	await t.execute();

	t = withId(db, db.schema.createTable('seating_placements'))
		.addColumn('plan_id', 'integer', (c) =>
			c.notNull().references('seating_plans.id').onDelete('cascade')
		)
		.addColumn('seat_key', 'varchar(12)', (c) => c.notNull())
		// A person taken off the meeting leaves their seat empty.
		.addColumn('participant_id', 'integer', (c) =>
			c.notNull().references('meeting_participants.id').onDelete('cascade')
		);
	t = flag(db, t, 'is_locked', false);
	t = t
		.addColumn('arranged_reply', 'varchar(10)', (c) => c.notNull())
		.addColumn('arranged_deputy_id', 'integer')
		.addUniqueConstraint('seating_placements_seat_uq', ['plan_id', 'seat_key'])
		.addUniqueConstraint('seating_placements_person_uq', ['plan_id', 'participant_id']);
	await t.execute();
	await db.schema
		.createIndex('seating_placements_participant_ix')
		.on('seating_placements')
		.column('participant_id')
		.execute();

	t = withId(db, db.schema.createTable('seating_versions'))
		.addColumn('plan_id', 'integer', (c) =>
			c.notNull().references('seating_plans.id').onDelete('cascade')
		)
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('changed_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'changed_at', (c) => c.notNull());
	t = t
		.addColumn('summary', 'varchar(200)', (c) => c.notNull())
		.addColumn('placements', 'text', (c) => c.notNull())
		.addUniqueConstraint('seating_versions_uq', ['plan_id', 'version']);
	await t.execute();

	for (const table of TABLES) await addStampTriggers(db, table);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [...TABLES].reverse()) {
		await dropStampTriggers(db, table);
		await db.schema.dropTable(table).execute();
	}
}
