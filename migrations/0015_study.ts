import type { Kysely } from 'kysely';
import { addStampTriggers, calendarDate, dropStampTriggers, instant, withId } from './columns';

// Study records (学习, issue 11 part 8). Group study sessions are meetings of type 集中学习 and
// are counted from their check-ins; these tables hold the rest:
//
// - study_entries: a person's self-study (自学) — date, topic, material, hours (kept as half
//   hours, 0.5 steps), 心得.
// - study_targets: the office's targets (学习目标), one row per role (or 'all'), period (month |
//   year) and metric (sessions | hours).
const TABLES = ['study_entries', 'study_targets'];

export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('study_entries')).addColumn('user_id', 'integer', (c) =>
		c.notNull().references('users.id')
	);
	t = calendarDate(db, t, 'entry_date', (c) => c.notNull());
	t = t
		.addColumn('topic', 'varchar(100)', (c) => c.notNull())
		.addColumn('material', 'varchar(200)', (c) => c.notNull().defaultTo(''))
		// Hours × 2: 0.5-hour steps stay whole numbers on both databases.
		.addColumn('half_hours', 'integer', (c) => c.notNull())
		.addColumn('notes', 'text', (c) => c.notNull().defaultTo(''));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	await t.execute();
	await db.schema
		.createIndex('study_entries_user_ix')
		.on('study_entries')
		.columns(['user_id', 'entry_date'])
		.execute();
	await db.schema
		.createIndex('study_entries_date_ix')
		.on('study_entries')
		.columns(['entry_date'])
		.execute();

	t = withId(db, db.schema.createTable('study_targets'))
		// A role of $lib/domain/roles, or 'all'.
		.addColumn('role', 'varchar(16)', (c) => c.notNull())
		// month | year
		.addColumn('period', 'varchar(8)', (c) => c.notNull())
		// sessions (集中学习 attended) | hours (自学 hours)
		.addColumn('metric', 'varchar(12)', (c) => c.notNull())
		.addColumn('amount', 'integer', (c) => c.notNull())
		.addColumn('updated_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = t.addUniqueConstraint('study_targets_uq', ['role', 'period', 'metric']);
	await t.execute();

	for (const table of TABLES) await addStampTriggers(db, table);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [...TABLES].reverse()) {
		await dropStampTriggers(db, table);
		await db.schema.dropTable(table).execute();
	}
}
