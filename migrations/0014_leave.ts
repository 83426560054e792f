import type { Kysely } from 'kysely';
import {
	addStampTriggers,
	calendarDate,
	dropStampTriggers,
	instant,
	isPostgres,
	withId
} from './columns';

// Leave and outings (请销假 · 外出报备, issue 11) and the one approval engine they run on.
//
// - departments.leader_id: the 分管领导 of a department (the 'responsible_leader' step).
// - approval_requests / approval_steps: a request of any kind (`kind` 'leave' now; study tours and
//   certificates later) with its chain, one row per step; every decision is a compare-and-set on
//   the step's status and the request's position.
// - approval_delegations: an approver's named stand-in (代理审批人) for a date range.
// - leave_requests (with leave_files for proof), leave_quotas (a person's quota for a year and
//   type set by the office, e.g. 探亲假), outings (外出报备).
// - meeting_participants.leave_request_id: a 请假 reply that approved leave gave.
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('departments')
		.addColumn('leader_id', 'integer', (c) => c.references('users.id'))
		.execute();

	let t = withId(db, db.schema.createTable('approval_requests'))
		// leave | (later kinds)
		.addColumn('kind', 'varchar(24)', (c) => c.notNull())
		// The id of the request in its own table (leave_requests.id for 'leave').
		.addColumn('subject_id', 'integer', (c) => c.notNull())
		.addColumn('applicant_id', 'integer', (c) => c.notNull().references('users.id'))
		// pending | approved | sent_back | withdrawn | cancelled
		.addColumn('status', 'varchar(12)', (c) => c.notNull())
		// The position of the step waiting now (0-based); the step count once approved.
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('step_count', 'integer', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = instant(db, t, 'decided_at');
	t = t.addUniqueConstraint('approval_requests_subject_uq', ['kind', 'subject_id']);
	await t.execute();
	await db.schema
		.createIndex('approval_requests_applicant_ix')
		.on('approval_requests')
		.columns(['applicant_id', 'created_at'])
		.execute();

	t = withId(db, db.schema.createTable('approval_steps'))
		.addColumn('request_id', 'integer', (c) =>
			c.notNull().references('approval_requests.id').onDelete('cascade')
		)
		.addColumn('position', 'integer', (c) => c.notNull())
		// dept_head | responsible_leader | principal_leader (domain/approval-chain.ts)
		.addColumn('approver_kind', 'varchar(24)', (c) => c.notNull())
		// The person who holds that position for the applicant, fixed when the request is made.
		.addColumn('approver_id', 'integer', (c) => c.notNull().references('users.id'))
		// waiting (not reached) | pending (its turn) | approved | sent_back | withdrawn
		.addColumn('status', 'varchar(12)', (c) => c.notNull())
		// Who decided: the approver or their stand-in.
		.addColumn('decided_by', 'integer', (c) => c.references('users.id'));
	t = instant(db, t, 'decided_at');
	t = t
		.addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
		.addUniqueConstraint('approval_steps_position_uq', ['request_id', 'position']);
	await t.execute();
	await db.schema
		.createIndex('approval_steps_inbox_ix')
		.on('approval_steps')
		.columns(['approver_id', 'status'])
		.execute();

	t = withId(db, db.schema.createTable('approval_delegations'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('delegate_id', 'integer', (c) => c.notNull().references('users.id'));
	t = calendarDate(db, t, 'start_date', (c) => c.notNull());
	t = calendarDate(db, t, 'end_date', (c) => c.notNull());
	t = t
		.addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
		// manual | leave (made by the approver's approved leave with a 工作代理人)
		.addColumn('source', 'varchar(12)', (c) => c.notNull().defaultTo('manual'))
		.addColumn('source_id', 'integer')
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'ended_at');
	await t.execute();
	await db.schema
		.createIndex('approval_delegations_delegate_ix')
		.on('approval_delegations')
		.columns(['delegate_id', 'start_date'])
		.execute();
	await db.schema
		.createIndex('approval_delegations_user_ix')
		.on('approval_delegations')
		.columns(['user_id', 'start_date'])
		.execute();

	t = withId(db, db.schema.createTable('leave_requests'))
		.addColumn('applicant_id', 'integer', (c) => c.notNull().references('users.id'))
		// The applicant's department when they asked (department views and statistics).
		.addColumn('department_id', 'integer', (c) => c.references('departments.id'))
		// annual | personal | sick | marriage | maternity | paternity | bereavement | home_visit
		.addColumn('type', 'varchar(16)', (c) => c.notNull())
		// A late 销假 asks for the late days as an extension of the request it extends.
		.addColumn('extends_id', 'integer', (c) => c.references('leave_requests.id'));
	t = calendarDate(db, t, 'start_date', (c) => c.notNull());
	t = t.addColumn('start_half', 'varchar(2)', (c) => c.notNull());
	t = calendarDate(db, t, 'end_date', (c) => c.notNull());
	t = t
		.addColumn('end_half', 'varchar(2)', (c) => c.notNull())
		// Days × 2 (half days), counted when asked; `year` is the start date's (balances).
		.addColumn('half_days', 'integer', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('destination', 'varchar(200)', (c) => c.notNull().defaultTo(''))
		.addColumn('contact', 'varchar(100)', (c) => c.notNull().defaultTo(''))
		// 工作代理人: who covers the work while away.
		.addColumn('cover_id', 'integer', (c) => c.references('users.id'))
		// pending | approved | sent_back | withdrawn | cancelled | reported (销假 done)
		.addColumn('status', 'varchar(12)', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = instant(db, t, 'approved_at');
	t = instant(db, t, 'cancelled_at');
	// 销假: the first half day back at work, the days given back (× 2) and the late days (× 2).
	t = calendarDate(db, t, 'return_date');
	t = t
		.addColumn('return_half', 'varchar(2)')
		.addColumn('returned_half_days', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('late_half_days', 'integer', (c) => c.notNull().defaultTo(0));
	t = instant(db, t, 'reported_at');
	await t.execute();
	await db.schema
		.createIndex('leave_requests_applicant_ix')
		.on('leave_requests')
		.columns(['applicant_id', 'start_date'])
		.execute();
	await db.schema
		.createIndex('leave_requests_department_ix')
		.on('leave_requests')
		.columns(['department_id', 'start_date'])
		.execute();
	await db.schema
		.createIndex('leave_requests_dates_ix')
		.on('leave_requests')
		.columns(['start_date', 'end_date'])
		.execute();
	await db.schema
		.createIndex('leave_requests_year_ix')
		.on('leave_requests')
		.columns(['year', 'type'])
		.execute();

	t = withId(db, db.schema.createTable('leave_files'))
		.addColumn('request_id', 'integer', (c) =>
			c.notNull().references('leave_requests.id').onDelete('cascade')
		)
		.addColumn('name', 'varchar(200)', (c) => c.notNull())
		.addColumn('type', 'varchar(100)', (c) => c.notNull())
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'uploaded_at', (c) => c.notNull());
	await t.execute();
	await db.schema
		.createIndex('leave_files_request_ix')
		.on('leave_files')
		.column('request_id')
		.execute();

	// A quota the office sets for a person, year and type (探亲假 by family, a carried-over
	// 年休假); without a row the type's rule decides.
	t = db.schema
		.createTable('leave_quotas')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('type', 'varchar(16)', (c) => c.notNull())
		.addColumn('half_days', 'integer', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('set_by', 'integer', (c) => c.notNull().references('users.id'));
	t = instant(db, t, 'set_at', (c) => c.notNull());
	t = t.addPrimaryKeyConstraint('leave_quotas_pk', ['user_id', 'year', 'type']);
	await t.execute();

	// 外出报备: a same-day business outing.
	t = withId(db, db.schema.createTable('outings'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('department_id', 'integer', (c) => c.references('departments.id'));
	t = calendarDate(db, t, 'date', (c) => c.notNull());
	t = t
		// HH:MM in the office's zone.
		.addColumn('out_at', 'varchar(5)', (c) => c.notNull())
		.addColumn('back_by', 'varchar(5)', (c) => c.notNull())
		.addColumn('destination', 'varchar(200)', (c) => c.notNull())
		.addColumn('matter', 'text', (c) => c.notNull())
		// out | back | cancelled
		.addColumn('status', 'varchar(12)', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'back_at');
	await t.execute();
	await db.schema
		.createIndex('outings_date_ix')
		.on('outings')
		.columns(['date', 'department_id'])
		.execute();
	await db.schema
		.createIndex('outings_user_ix')
		.on('outings')
		.columns(['user_id', 'date'])
		.execute();

	await db.schema
		.alterTable('meeting_participants')
		.addColumn('leave_request_id', 'integer', (c) => c.references('leave_requests.id'))
		.execute();

	for (const table of TABLES) await addStampTriggers(db, table);
}

const TABLES = [
	'approval_requests',
	'approval_steps',
	'approval_delegations',
	'leave_requests',
	'leave_files',
	'leave_quotas',
	'outings'
];

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('meeting_participants').dropColumn('leave_request_id').execute();
	for (const table of [...TABLES].reverse()) {
		await dropStampTriggers(db, table);
		await db.schema.dropTable(table).execute();
	}
	await db.schema.alterTable('departments').dropColumn('leader_id').execute();
}
