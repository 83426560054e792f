import type { Kysely } from 'kysely';
import { addStampTriggers, calendarDate, instant, withId } from './columns';

// Minutes (纪要) of a meeting, their numbered decisions (议定事项) with lead and co-departments,
// and the gap-free document counters shared by every numbered series (纪要 per type and year,
// later 督办 per year).
export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('meeting_minutes'))
		.addColumn('meeting_id', 'integer', (c) =>
			c.notNull().unique().references('meetings.id').onDelete('cascade')
		)
		// The meeting's type when the minutes were drafted: numbers run per type and year.
		.addColumn('meeting_type_id', 'integer', (c) => c.notNull().references('meeting_types.id'))
		.addColumn('status', 'varchar(12)', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('return_comment', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('drafted_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = instant(db, t, 'submitted_at');
	t = t.addColumn('approved_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'approved_at');
	t = t.addColumn('issued_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'issued_at');
	t = t
		.addColumn('number_year', 'integer')
		.addColumn('number_seq', 'integer')
		.addColumn('number', 'varchar(40)')
		.addUniqueConstraint('meeting_minutes_number_uq', [
			'meeting_type_id',
			'number_year',
			'number_seq'
		]);
	await t.execute();

	t = withId(db, db.schema.createTable('minute_decisions'))
		.addColumn('minutes_id', 'integer', (c) =>
			c.notNull().references('meeting_minutes.id').onDelete('cascade')
		)
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('lead_department_id', 'integer', (c) => c.references('departments.id'));
	t = calendarDate(db, t, 'deadline');
	t = t.addUniqueConstraint('minute_decisions_seq_uq', ['minutes_id', 'seq']);
	await t.execute();

	await db.schema
		.createTable('minute_decision_departments')
		.addColumn('decision_id', 'integer', (c) =>
			c.notNull().references('minute_decisions.id').onDelete('cascade')
		)
		.addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
		.addPrimaryKeyConstraint('minute_decision_departments_pk', ['decision_id', 'department_id'])
		.execute();

	await db.schema
		.createTable('document_counters')
		.addColumn('series', 'varchar(60)', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('last', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('document_counters_pk', ['series', 'year'])
		.execute();

	for (const table of [
		'meeting_minutes',
		'minute_decisions',
		'minute_decision_departments',
		'document_counters'
	]) {
		await addStampTriggers(db, table);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'document_counters',
		'minute_decision_departments',
		'minute_decisions',
		'meeting_minutes'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
