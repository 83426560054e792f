import type { Kysely } from 'kysely';
import { calendarDate, flag, instant, withId } from './columns';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('settings')
		.addColumn('key', 'varchar(64)', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();

	let t = withId(db, db.schema.createTable('departments'))
		.addColumn('name', 'varchar(100)', (c) => c.notNull())
		.addColumn('parent_id', 'integer', (c) => c.references('departments.id'))
		.addColumn('kind', 'varchar(20)', (c) => c.notNull())
		.addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0));
	t = flag(db, t, 'is_active', true);
	t = instant(db, t, 'created_at', (c) => c.notNull());
	await t.execute();

	t = withId(db, db.schema.createTable('users'))
		.addColumn('username', 'varchar(64)', (c) => c.notNull())
		.addColumn('name', 'varchar(64)', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('department_id', 'integer', (c) => c.references('departments.id'))
		.addColumn('title', 'varchar(64)', (c) => c.notNull().defaultTo(''))
		.addColumn('precedence', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('phone', 'varchar(32)', (c) => c.notNull().defaultTo(''))
		.addColumn('email', 'varchar(128)', (c) => c.notNull().defaultTo(''));
	t = calendarDate(db, t, 'work_start_date');
	t = flag(db, t, 'is_active', true);
	t = flag(db, t, 'is_password_change_required', false);
	t = instant(db, t, 'password_changed_at');
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	await t.execute();
	await db.schema
		.createIndex('users_username_uq')
		.on('users')
		.column('username')
		.unique()
		.execute();
	await db.schema.createIndex('users_department_ix').on('users').column('department_id').execute();

	await db.schema
		.createTable('user_roles')
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('role', 'varchar(20)', (c) => c.notNull())
		.addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
		.execute();

	t = db.schema
		.createTable('sessions')
		.addColumn('id', 'varchar(32)', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('secret_hash', 'varchar(64)', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'last_seen_at', (c) => c.notNull());
	t = instant(db, t, 'expires_at', (c) => c.notNull());
	t = t
		.addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
		.addColumn('user_agent', 'varchar(255)', (c) => c.notNull().defaultTo(''));
	await t.execute();
	await db.schema.createIndex('sessions_user_ix').on('sessions').column('user_id').execute();

	// Login throttling by key (per IP, per username) — shared by all app processes.
	t = db.schema
		.createTable('throttles')
		.addColumn('key', 'varchar(160)', (c) => c.primaryKey())
		.addColumn('count', 'integer', (c) => c.notNull());
	t = instant(db, t, 'window_start', (c) => c.notNull());
	t = instant(db, t, 'blocked_until');
	await t.execute();

	// Append-only: no code path updates or deletes audit rows.
	t = withId(db, db.schema.createTable('audit_log'));
	t = instant(db, t, 'at', (c) => c.notNull());
	t = t
		.addColumn('actor_id', 'integer', (c) => c.references('users.id'))
		.addColumn('actor_name', 'varchar(64)', (c) => c.notNull().defaultTo(''))
		.addColumn('ip', 'varchar(64)', (c) => c.notNull().defaultTo(''))
		.addColumn('action', 'varchar(64)', (c) => c.notNull())
		.addColumn('entity', 'varchar(40)', (c) => c.notNull())
		.addColumn('entity_id', 'varchar(40)')
		.addColumn('changes', 'text', (c) => c.notNull().defaultTo('{}'));
	await t.execute();
	await db.schema.createIndex('audit_log_at_ix').on('audit_log').column('at').execute();
	await db.schema
		.createIndex('audit_log_entity_ix')
		.on('audit_log')
		.columns(['entity', 'entity_id'])
		.execute();

	t = db.schema.createTable('holidays');
	t = calendarDate(db, t, 'date', (c) => c.primaryKey());
	t = t
		.addColumn('kind', 'varchar(10)', (c) => c.notNull())
		.addColumn('name', 'varchar(40)', (c) => c.notNull());
	await t.execute();

	t = withId(db, db.schema.createTable('import_batches'))
		.addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('file_name', 'varchar(255)', (c) => c.notNull())
		.addColumn('rows', 'text', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'committed_at');
	await t.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'import_batches',
		'holidays',
		'audit_log',
		'throttles',
		'sessions',
		'user_roles',
		'users',
		'departments',
		'settings'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
