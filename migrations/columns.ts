import {
	PostgresAdapter,
	sql,
	type ColumnDefinitionBuilder,
	type CreateTableBuilder,
	type Kysely
} from 'kysely';

/** Dialect-aware column helpers shared by the numbered migrations (not a migration itself). */
export function isPostgres(db: Kysely<any>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

type Table = CreateTableBuilder<any, any>;
type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export function withId(db: Kysely<any>, t: Table): Table {
	return isPostgres(db)
		? t.addColumn('id', 'serial', (c) => c.primaryKey())
		: t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** An instant: timestamptz on PostgreSQL, ISO-8601 UTC text on SQLite. */
export function instant(db: Kysely<any>, t: Table, name: string, col: Col = (c) => c): Table {
	return t.addColumn(name, isPostgres(db) ? 'timestamptz' : 'text', col);
}

/** A calendar date YYYY-MM-DD: date on PostgreSQL, text on SQLite. */
export function calendarDate(db: Kysely<any>, t: Table, name: string, col: Col = (c) => c): Table {
	return t.addColumn(name, isPostgres(db) ? 'date' : 'text', col);
}

/** A boolean; by house rule its name starts with `is_`. */
export function flag(db: Kysely<any>, t: Table, name: string, dflt: boolean): Table {
	if (!name.startsWith('is_')) throw new Error(`boolean column ${name} must be named is_*`);
	return t.addColumn(name, isPostgres(db) ? 'boolean' : 'integer', (c) =>
		c.notNull().defaultTo(isPostgres(db) ? dflt : dflt ? 1 : 0)
	);
}

/**
 * Tables whose writes do not change what any page shows, so they leave the change stamp alone:
 * session touches, login throttles and scheduler marks happen on reads and would otherwise
 * make every page cache miss. Every other table carries the stamp triggers (a test checks).
 */
export const UNSTAMPED_TABLES = ['sessions', 'throttles', 'job_marks', 'data_stamp'];

/**
 * Makes every committed write to `table` advance data_stamp.n (see 0010_data_stamp.ts).
 * Call it for each new table a later migration creates.
 */
export async function addStampTriggers(db: Kysely<any>, table: string): Promise<void> {
	if (isPostgres(db)) {
		// Deferred to commit: the stamp row is locked only in the instant before the commit,
		// so writers never wait on it while holding other locks (no deadlocks).
		await sql
			.raw(
				`CREATE CONSTRAINT TRIGGER ${table}_stamp AFTER INSERT OR UPDATE OR DELETE ON ${table}
				DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION huiban_bump_stamp()`
			)
			.execute(db);
		return;
	}
	for (const op of ['insert', 'update', 'delete']) {
		await sql
			.raw(
				`CREATE TRIGGER ${table}_stamp_${op} AFTER ${op.toUpperCase()} ON ${table}
				BEGIN UPDATE data_stamp SET n = n + 1 WHERE id = 1; END`
			)
			.execute(db);
	}
}

export async function dropStampTriggers(db: Kysely<any>, table: string): Promise<void> {
	if (isPostgres(db)) {
		await sql.raw(`DROP TRIGGER IF EXISTS ${table}_stamp ON ${table}`).execute(db);
		return;
	}
	for (const op of ['insert', 'update', 'delete']) {
		await sql.raw(`DROP TRIGGER IF EXISTS ${table}_stamp_${op}`).execute(db);
	}
}
