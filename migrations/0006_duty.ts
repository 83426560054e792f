import type { Kysely } from 'kysely';
import { calendarDate, flag, instant, isPostgres, withId } from './columns';

// Holiday duty roster (值班): periods, their days and shifts, pools, availability, the
// assignments (which are also the fairness ledger), swaps, the duty log and handovers.
export async function up(db: Kysely<any>): Promise<void> {
	const weight = isPostgres(db) ? 'double precision' : 'real';

	let t = withId(db, db.schema.createTable('duty_periods'))
		.addColumn('name', 'varchar(60)', (c) => c.notNull())
		.addColumn('holiday_name', 'varchar(40)', (c) => c.notNull().defaultTo(''));
	t = calendarDate(db, t, 'start_date', (c) => c.notNull());
	t = calendarDate(db, t, 'end_date', (c) => c.notNull());
	t = t
		.addColumn('status', 'varchar(12)', (c) => c.notNull())
		.addColumn('phone', 'varchar(40)', (c) => c.notNull().defaultTo(''))
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		// The last generation's report (spread and unfilled slots) as JSON, shown on the roster.
		.addColumn('report', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = instant(db, t, 'published_at');
	await t.execute();
	await db.schema
		.createIndex('duty_periods_dates_ix')
		.on('duty_periods')
		.columns(['start_date', 'end_date'])
		.execute();

	t = db.schema
		.createTable('duty_period_days')
		.addColumn('period_id', 'integer', (c) =>
			c.notNull().references('duty_periods.id').onDelete('cascade')
		);
	t = calendarDate(db, t, 'date', (c) => c.notNull());
	t = t
		.addColumn('weight', weight, (c) => c.notNull().defaultTo(1))
		.addColumn('label', 'varchar(20)', (c) => c.notNull().defaultTo(''))
		.addPrimaryKeyConstraint('duty_period_days_pk', ['period_id', 'date']);
	await t.execute();

	t = withId(db, db.schema.createTable('duty_shifts'))
		.addColumn('period_id', 'integer', (c) =>
			c.notNull().references('duty_periods.id').onDelete('cascade')
		)
		.addColumn('name', 'varchar(20)', (c) => c.notNull())
		.addColumn('start_time', 'varchar(5)', (c) => c.notNull())
		.addColumn('end_time', 'varchar(5)', (c) => c.notNull());
	t = flag(db, t, 'is_overnight', false);
	t = t
		.addColumn('leaders_needed', 'integer', (c) => c.notNull())
		.addColumn('officers_needed', 'integer', (c) => c.notNull())
		.addColumn('weight', weight, (c) => c.notNull().defaultTo(1))
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0));
	await t.execute();
	await db.schema
		.createIndex('duty_shifts_period_ix')
		.on('duty_shifts')
		.column('period_id')
		.execute();

	await db.schema
		.createTable('duty_pool_members')
		.addColumn('period_id', 'integer', (c) =>
			c.notNull().references('duty_periods.id').onDelete('cascade')
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('role', 'varchar(8)', (c) => c.notNull())
		.addPrimaryKeyConstraint('duty_pool_members_pk', ['period_id', 'role', 'user_id'])
		.execute();

	await db.schema
		.createTable('duty_exemptions')
		.addColumn('period_id', 'integer', (c) =>
			c.notNull().references('duty_periods.id').onDelete('cascade')
		)
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('reason', 'varchar(200)', (c) => c.notNull())
		.addPrimaryKeyConstraint('duty_exemptions_pk', ['period_id', 'user_id'])
		.execute();

	t = withId(db, db.schema.createTable('duty_unavailability')).addColumn(
		'user_id',
		'integer',
		(c) => c.notNull().references('users.id')
	);
	t = calendarDate(db, t, 'start_date', (c) => c.notNull());
	t = calendarDate(db, t, 'end_date', (c) => c.notNull());
	t = t
		.addColumn('reason', 'varchar(200)', (c) => c.notNull())
		// 'manual' now; approved leave feeds this table later ('leave' + source_id).
		.addColumn('source', 'varchar(12)', (c) => c.notNull().defaultTo('manual'))
		.addColumn('source_id', 'integer')
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	await t.execute();
	await db.schema
		.createIndex('duty_unavailability_user_ix')
		.on('duty_unavailability')
		.columns(['user_id', 'start_date'])
		.execute();

	t = withId(db, db.schema.createTable('duty_assignments'))
		.addColumn('period_id', 'integer', (c) =>
			c.notNull().references('duty_periods.id').onDelete('cascade')
		)
		.addColumn('shift_id', 'integer', (c) =>
			c.notNull().references('duty_shifts.id').onDelete('cascade')
		);
	t = calendarDate(db, t, 'duty_date', (c) => c.notNull());
	t = t
		.addColumn('role', 'varchar(8)', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('user_id', 'integer', (c) => c.references('users.id'))
		.addColumn('weight', weight, (c) => c.notNull())
		.addColumn('label', 'varchar(20)', (c) => c.notNull().defaultTo(''));
	t = instant(db, t, 'starts_at', (c) => c.notNull());
	t = instant(db, t, 'ends_at', (c) => c.notNull());
	t = flag(db, t, 'is_locked', false);
	t = t.addUniqueConstraint('duty_assignments_slot_uq', [
		'shift_id',
		'duty_date',
		'role',
		'position'
	]);
	await t.execute();
	await db.schema
		.createIndex('duty_assignments_user_ix')
		.on('duty_assignments')
		.columns(['user_id', 'starts_at'])
		.execute();
	await db.schema
		.createIndex('duty_assignments_period_ix')
		.on('duty_assignments')
		.columns(['period_id', 'duty_date'])
		.execute();

	t = withId(db, db.schema.createTable('duty_swaps'))
		.addColumn('period_id', 'integer', (c) =>
			c.notNull().references('duty_periods.id').onDelete('cascade')
		)
		.addColumn('kind', 'varchar(10)', (c) => c.notNull())
		.addColumn('assignment_id', 'integer', (c) =>
			c.notNull().references('duty_assignments.id').onDelete('cascade')
		)
		.addColumn('counterpart_assignment_id', 'integer', (c) =>
			c.references('duty_assignments.id').onDelete('cascade')
		)
		.addColumn('requester_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('counterpart_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('reason', 'varchar(200)', (c) => c.notNull().defaultTo(''))
		.addColumn('status', 'varchar(12)', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'responded_at');
	t = t
		.addColumn('decided_by', 'integer', (c) => c.references('users.id'))
		.addColumn('decision_note', 'varchar(200)', (c) => c.notNull().defaultTo(''));
	t = instant(db, t, 'decided_at');
	await t.execute();
	await db.schema
		.createIndex('duty_swaps_period_ix')
		.on('duty_swaps')
		.columns(['period_id', 'status'])
		.execute();

	t = withId(db, db.schema.createTable('duty_log_entries'))
		.addColumn('period_id', 'integer', (c) =>
			c.notNull().references('duty_periods.id').onDelete('cascade')
		)
		.addColumn('shift_id', 'integer', (c) =>
			c.notNull().references('duty_shifts.id').onDelete('cascade')
		);
	t = calendarDate(db, t, 'duty_date', (c) => c.notNull());
	t = t.addColumn('kind', 'varchar(10)', (c) => c.notNull());
	t = instant(db, t, 'occurred_at', (c) => c.notNull());
	t = t
		.addColumn('caller', 'varchar(60)', (c) => c.notNull().defaultTo(''))
		.addColumn('unit', 'varchar(100)', (c) => c.notNull().defaultTo(''))
		.addColumn('phone', 'varchar(40)', (c) => c.notNull().defaultTo(''))
		.addColumn('matter', 'text', (c) => c.notNull())
		.addColumn('handling', 'text', (c) => c.notNull().defaultTo(''));
	t = instant(db, t, 'reported_at');
	t = t
		.addColumn('reported_to', 'varchar(100)', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	await t.execute();
	await db.schema
		.createIndex('duty_log_period_ix')
		.on('duty_log_entries')
		.columns(['period_id', 'duty_date', 'occurred_at'])
		.execute();

	t = db.schema
		.createTable('duty_handovers')
		.addColumn('shift_id', 'integer', (c) =>
			c.notNull().references('duty_shifts.id').onDelete('cascade')
		);
	t = calendarDate(db, t, 'duty_date', (c) => c.notNull());
	t = t
		.addColumn('period_id', 'integer', (c) =>
			c.notNull().references('duty_periods.id').onDelete('cascade')
		)
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('written_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'written_at', (c) => c.notNull());
	t = t.addColumn('acknowledged_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'acknowledged_at');
	t = t.addPrimaryKeyConstraint('duty_handovers_pk', ['shift_id', 'duty_date']);
	await t.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'duty_handovers',
		'duty_log_entries',
		'duty_swaps',
		'duty_assignments',
		'duty_unavailability',
		'duty_exemptions',
		'duty_pool_members',
		'duty_shifts',
		'duty_period_days',
		'duty_periods'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
