import { sql, type Kysely } from 'kysely';
import { addStampTriggers, calendarDate, flag, instant, isPostgres, withId } from './columns';

// Supervision (督办, issue 10): items with their co-departments, the timeline of every step,
// feedback with attachments, tasks inside the lead department, milestones (节点), extension
// requests (延期) and urges (催办). Numbers 督〔2026〕N号 come from document_counters (0011).
export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('supervision_items'))
		.addColumn('number_year', 'integer', (c) => c.notNull())
		.addColumn('number_seq', 'integer', (c) => c.notNull())
		.addColumn('number', 'varchar(40)', (c) => c.notNull())
		.addColumn('title', 'varchar(200)', (c) => c.notNull())
		.addColumn('requirement', 'text', (c) => c.notNull().defaultTo(''))
		// decision | instruction | key_task | manual
		.addColumn('source', 'varchar(12)', (c) => c.notNull())
		// The decision of issued minutes it came from: one item per decision.
		.addColumn('decision_id', 'integer', (c) =>
			c.unique().references('minute_decisions.id').onDelete('set null')
		)
		// 领导批示: who, when, what; the source document (文号 or title) for any source.
		.addColumn('instruction_leader_id', 'integer', (c) => c.references('users.id'));
	t = calendarDate(db, t, 'instruction_date');
	t = t
		.addColumn('instruction_text', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('source_ref', 'varchar(200)', (c) => c.notNull().defaultTo(''))
		.addColumn('lead_department_id', 'integer', (c) => c.notNull().references('departments.id'))
		.addColumn('responsible_id', 'integer', (c) => c.references('users.id'))
		// normal | important | urgent
		.addColumn('priority', 'varchar(12)', (c) => c.notNull())
		.addColumn('urgent_days', 'integer')
		.addColumn('classification', 'varchar(16)', (c) => c.notNull().defaultTo('none'))
		.addColumn('status', 'varchar(24)', (c) => c.notNull());
	t = calendarDate(db, t, 'deadline', (c) => c.notNull());
	// The deadline first set; extensions move `deadline` only.
	t = calendarDate(db, t, 'original_deadline', (c) => c.notNull());
	// Sign by this date after 交办; a later 签收 shows as late.
	t = calendarDate(db, t, 'sign_due');
	// Periodic feedback: every month by this day (1–28); null for none.
	t = t
		.addColumn('feedback_day', 'integer')
		.addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('completion_summary', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('return_reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('stop_reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = instant(db, t, 'assigned_at');
	t = instant(db, t, 'signed_at');
	t = t.addColumn('signed_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'completion_requested_at');
	t = instant(db, t, 'closed_at');
	t = t.addColumn('closed_by', 'integer', (c) => c.references('users.id'));
	// The calendar date of 办结 in the office's zone, for 按期/逾期办结 in the bulletin.
	t = calendarDate(db, t, 'closed_on');
	t = instant(db, t, 'stopped_at');
	t = t.addUniqueConstraint('supervision_items_number_uq', ['number_year', 'number_seq']);
	await t.execute();
	await db.schema
		.createIndex('supervision_items_status_deadline_ix')
		.on('supervision_items')
		.columns(['status', 'deadline'])
		.execute();
	await db.schema
		.createIndex('supervision_items_lead_ix')
		.on('supervision_items')
		.columns(['lead_department_id', 'status'])
		.execute();
	await db.schema
		.createIndex('supervision_items_created_ix')
		.on('supervision_items')
		.column('created_at')
		.execute();

	await db.schema
		.createTable('supervision_item_departments')
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('supervision_items.id').onDelete('cascade')
		)
		.addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
		.addPrimaryKeyConstraint('supervision_item_departments_pk', ['item_id', 'department_id'])
		.execute();
	await db.schema
		.createIndex('supervision_item_departments_dept_ix')
		.on('supervision_item_departments')
		.columns(['department_id', 'item_id'])
		.execute();

	// The item's timeline: every step, feedback, urge and decision, in order.
	t = withId(db, db.schema.createTable('supervision_events'))
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('supervision_items.id').onDelete('cascade')
		)
		.addColumn('kind', 'varchar(24)', (c) => c.notNull())
		// null: the system (automatic urging).
		.addColumn('actor_id', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'at', (c) => c.notNull());
	t = t
		.addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
		// JSON of the step's facts (old and new deadline, percent, …).
		.addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'));
	await t.execute();
	await db.schema
		.createIndex('supervision_events_item_ix')
		.on('supervision_events')
		.columns(['item_id', 'at'])
		.execute();

	t = withId(db, db.schema.createTable('supervision_tasks'))
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('supervision_items.id').onDelete('cascade')
		)
		.addColumn('assignee_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('text', 'text', (c) => c.notNull());
	t = calendarDate(db, t, 'deadline');
	t = t.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'done_at');
	await t.execute();
	await db.schema
		.createIndex('supervision_tasks_item_ix')
		.on('supervision_tasks')
		.column('item_id')
		.execute();
	await db.schema
		.createIndex('supervision_tasks_assignee_ix')
		.on('supervision_tasks')
		.columns(['assignee_id', 'item_id'])
		.execute();

	t = withId(db, db.schema.createTable('supervision_milestones'))
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('supervision_items.id').onDelete('cascade')
		)
		.addColumn('seq', 'integer', (c) => c.notNull())
		.addColumn('title', 'varchar(200)', (c) => c.notNull());
	t = calendarDate(db, t, 'due_date', (c) => c.notNull());
	t = instant(db, t, 'done_at');
	t = t
		.addColumn('done_by', 'integer', (c) => c.references('users.id'))
		.addUniqueConstraint('supervision_milestones_seq_uq', ['item_id', 'seq']);
	await t.execute();

	t = withId(db, db.schema.createTable('supervision_feedback'))
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('supervision_items.id').onDelete('cascade')
		)
		// The department answering: the lead or a co-department.
		.addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
		.addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('percent', 'integer')
		.addColumn('milestone_id', 'integer', (c) =>
			c.references('supervision_milestones.id').onDelete('set null')
		)
		// The feedback cycle it answers, 'YYYY-MM' (monthly by feedback_day); null for none.
		.addColumn('cycle', 'varchar(7)');
	t = instant(db, t, 'at', (c) => c.notNull());
	await t.execute();
	await db.schema
		.createIndex('supervision_feedback_item_ix')
		.on('supervision_feedback')
		.columns(['item_id', 'at'])
		.execute();

	t = withId(db, db.schema.createTable('supervision_files'))
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('supervision_items.id').onDelete('cascade')
		)
		// null: attached to the item itself (the leader's instruction).
		.addColumn('feedback_id', 'integer', (c) =>
			c.references('supervision_feedback.id').onDelete('cascade')
		)
		.addColumn('file_name', 'varchar(255)', (c) => c.notNull())
		.addColumn('mime', 'varchar(120)', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'uploaded_at', (c) => c.notNull());
	await t.execute();
	await db.schema
		.createIndex('supervision_files_item_ix')
		.on('supervision_files')
		.column('item_id')
		.execute();

	t = withId(db, db.schema.createTable('supervision_extensions'))
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('supervision_items.id').onDelete('cascade')
		)
		.addColumn('requested_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'requested_at', (c) => c.notNull());
	t = t.addColumn('reason', 'text', (c) => c.notNull());
	t = calendarDate(db, t, 'old_deadline', (c) => c.notNull());
	t = calendarDate(db, t, 'new_deadline', (c) => c.notNull());
	// pending | approved | refused
	t = t
		.addColumn('status', 'varchar(12)', (c) => c.notNull())
		.addColumn('decided_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'decided_at');
	t = t.addColumn('decision_comment', 'text', (c) => c.notNull().defaultTo(''));
	await t.execute();
	await db.schema
		.createIndex('supervision_extensions_item_ix')
		.on('supervision_extensions')
		.column('item_id')
		.execute();
	// At most one pending request per item (the constraint holds it under parallel requests).
	await sql`CREATE UNIQUE INDEX supervision_extensions_pending_uq ON supervision_extensions (item_id) WHERE status = 'pending'`.execute(
		db
	);

	// Every urge, automatic or by hand. `rule` names the automatic step it was.
	t = withId(db, db.schema.createTable('supervision_urges'))
		.addColumn('item_id', 'integer', (c) =>
			c.notNull().references('supervision_items.id').onDelete('cascade')
		)
		// before | due | overdue | cycle | milestone | manual
		.addColumn('kind', 'varchar(12)', (c) => c.notNull())
		.addColumn('urged_by', 'integer', (c) => c.references('users.id'))
		.addColumn('message', 'text', (c) => c.notNull().defaultTo(''));
	t = instant(db, t, 'at', (c) => c.notNull());
	t = flag(db, t, 'is_automatic', false);
	await t.execute();
	await db.schema
		.createIndex('supervision_urges_item_ix')
		.on('supervision_urges')
		.columns(['item_id', 'at'])
		.execute();

	for (const table of TABLES) await addStampTriggers(db, table);
}

const TABLES = [
	'supervision_items',
	'supervision_item_departments',
	'supervision_events',
	'supervision_tasks',
	'supervision_milestones',
	'supervision_feedback',
	'supervision_files',
	'supervision_extensions',
	'supervision_urges'
];

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [...TABLES].reverse()) await db.schema.dropTable(table).execute();
}
