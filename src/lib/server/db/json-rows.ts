import {
	AliasNode,
	ColumnNode,
	IdentifierNode,
	ReferenceNode,
	sql,
	type Expression,
	type RawBuilder,
	type SelectQueryBuilder,
	type SqlBool
} from 'kysely';
import { dialectOfDb, type DB } from './connect';

// Many rows read as one value: the database builds a JSON array of arrays (one per row, the
// columns in the order given) and the app parses it with JSON.parse. A page that reads 500 rows
// to draw them (the seating plan) spends most of its database time turning each row into an
// object — better-sqlite3 sets every column of every row through V8's API, pg parses each row's
// fields in JavaScript — and JSON.parse does the same work several times faster (measured on
// the 490 seats of the bench plan, SQLite: 0.95 ms as rows, 0.38 ms as one JSON value parsed).
// A page that only passes the rows to the browser need not parse them at all.
//
// What comes back is what JSON holds: text, numbers and null as they are; a boolean column is
// 0/1 on SQLite and true/false on PostgreSQL (read it with `!!`); timestamps would differ in
// form between the two, so none is read this way. The rows come in no particular order.

/**
 * The aggregate of the given columns as JSON text: an array of one array per row ('[]' for
 * none), of the rows `where` holds for if it is given (several such aggregates can share one
 * pass over the rows). Text on both databases, so that it can be passed on as it is or parsed
 * with JSON.parse.
 */
export function jsonRows(
	db: DB,
	columns: readonly string[],
	where?: Expression<SqlBool>
): RawBuilder<string> {
	const items = sql.join(columns.map((c) => sql.ref(c)));
	const filter = where ? sql` filter (where ${where})` : sql``;
	return dialectOfDb(db) === 'postgres'
		? sql<string>`coalesce(json_agg(json_build_array(${items}))${filter}, '[]')::text`
		: sql<string>`json_group_array(json_array(${items}))${filter}`;
}

/** A select over any tables (the tables are the read's own business). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySelect<R> = SelectQueryBuilder<any, any, R>;

/**
 * A read to run inside another statement (readTogether): a select whose columns are named
 * (no `*`), and those of its columns that are instants — timestamptz on PostgreSQL, which JSON
 * writes as 2026-12-06T01:30:00+00:00 where the driver gives 2026-12-06T01:30:00.000Z.
 */
export interface NestedRead<R> {
	query: AnySelect<R>;
	instants: readonly (keyof R & string)[];
}

/** A NestedRead of `query`; its `instants` named. */
export function nestedRead<R>(
	query: AnySelect<R>,
	instants: readonly (keyof R & string)[] = []
): NestedRead<R> {
	return { query, instants };
}

/** The row type of a NestedRead. */
export type RowOf<T> = T extends NestedRead<infer R> ? R : never;

/** The rows of each of several NestedReads, by name. */
export type RowsOf<Q> = { [K in keyof Q]: RowOf<Q[K]>[] };

/** The names a select gives its columns (alias, else column name); `*` is refused. */
function columnNames(query: AnySelect<unknown>): string[] {
	return (query.toOperationNode().selections ?? []).map(({ selection: s }) => {
		if (AliasNode.is(s) && IdentifierNode.is(s.alias)) return s.alias.name;
		if (ReferenceNode.is(s) && ColumnNode.is(s.column)) return s.column.column.name;
		throw new Error('readTogether: name every column of a nested read (no *)');
	});
}

/**
 * Several independent reads in one statement: each becomes a scalar subquery whose value is
 * its rows as JSON (jsonRows over the read as a derived table, in the read's own order), and
 * comes back as the read's rows would by themselves — the same column names, instants as ISO
 * text, `is_*` columns as booleans (SqliteBooleanPlugin's rule). On PostgreSQL every statement
 * is a round trip, a socket write and a result to parse, whatever its size: a page of nine
 * small lists spent more on these than on the lists (the 督办 item page).
 *
 * The order: a derived table with ORDER BY feeds the aggregate in that order on both databases
 * (SQLite does not flatten an ordered subquery into an aggregate; PostgreSQL sorts below the
 * aggregate) — checked by json-rows.test.ts with rows inserted out of order.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readTogether<Q extends Record<string, NestedRead<any>>>(
	db: DB,
	reads: Q
): Promise<RowsOf<Q>> {
	const nested = nestedColumns(db, reads);
	return nested.rowsOf(await db.selectNoFrom(nested.columns).executeTakeFirstOrThrow());
}

/**
 * readTogether's reads as columns of another statement that gives one row (an aggregate of its
 * own, say): `columns` to select beside its own, `rowsOf` to take their rows from its row. Their
 * names must differ from the statement's own columns.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function nestedColumns<Q extends Record<string, NestedRead<any>>>(db: DB, reads: Q) {
	const keys = Object.keys(reads);
	const names = keys.map((k) => columnNames(reads[k].query));
	return {
		columns: keys.map((k, i) => {
			const json = jsonRows(
				db,
				names[i].map((c) => `x.${c}`)
			);
			return sql<string>`(select ${json} from (${reads[k].query}) as x)`.as(k);
		}),
		rowsOf(row: object): RowsOf<Q> {
			const values = row as Record<string, string>;
			const out: Record<string, Record<string, unknown>[]> = {};
			keys.forEach((k, i) => (out[k] = rowsOfJson(values[k], names[i], reads[k].instants)));
			return out as RowsOf<Q>;
		}
	};
}

/**
 * The rows of a `jsonRows` text as a plain read gives them: each array's values named by
 * `names` (in order), `instants` back to ISO text (PostgreSQL's JSON writes +00:00, the driver
 * gives Z), `is_*` columns as booleans (SqliteBooleanPlugin's rule), null as null.
 */
export function rowsOfJson(
	json: string,
	names: readonly string[],
	instants: readonly string[] = []
): Record<string, unknown>[] {
	const isInstant = new Set(instants);
	return (JSON.parse(json) as unknown[][]).map((values) => {
		const r: Record<string, unknown> = {};
		names.forEach((c, j) => {
			const v = values[j];
			r[c] =
				v == null
					? null
					: isInstant.has(c)
						? new Date(v as string).toISOString()
						: c.startsWith('is_') && (v === 0 || v === 1)
							? v === 1
							: v;
		});
		return r;
	});
}
