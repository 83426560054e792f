import {
	PostgresAdapter,
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
