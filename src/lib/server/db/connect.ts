import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
	CompiledQuery,
	Kysely,
	PostgresAdapter,
	PostgresDialect,
	SqliteDialect,
	type DatabaseConnection,
	type Driver
} from 'kysely';
import type { Database } from './schema';
import { SqliteBooleanPlugin, wrapSqliteDatabase } from './sqlite-values';
import { errorFields, log } from '../log';

export type DB = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

// Same JS values on both dialects: int8/numeric as numbers, timestamps as ISO strings,
// dates as YYYY-MM-DD strings (SQLite stores these as text already).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1114, (v) => new Date(v + 'Z').toISOString());
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());

export function dialectOf(url: string | undefined): DialectName {
	return url && /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

/** How many distinct statements one SQLite connection keeps compiled. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and better-sqlite3 compiles the SQL each time; the pages
 * run the same few dozen statements over and over, so each connection keeps them compiled
 * (least recently used dropped first). Kysely holds the one connection for a whole stream, so
 * a cached statement is never run while another run of it is still iterating.
 */
function withStatementCache(raw: SQLite.Database): SQLite.Database {
	const cache = new Map<string, SQLite.Statement>();
	const prepare = (sql: string) => {
		let stmt = cache.get(sql);
		if (stmt) cache.delete(sql);
		else {
			stmt = raw.prepare(sql);
			if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
		}
		cache.set(sql, stmt);
		return stmt;
	};
	const close = () => {
		cache.clear();
		return raw.close();
	};
	return { prepare, close } as unknown as SQLite.Database;
}

/**
 * SQLite transactions start as writers (`BEGIN IMMEDIATE`): with several server processes on
 * one file (WEB_CONCURRENCY), a deferred transaction that read first and then writes fails at
 * once with SQLITE_BUSY when another process wrote meanwhile; an immediate one waits for the
 * write lock (busy_timeout) and then reads what the other committed — the same
 * read-then-write safety a row lock gives on PostgreSQL.
 */
class ImmediateSqliteDialect extends SqliteDialect {
	createDriver(): Driver {
		const driver = super.createDriver();
		driver.beginTransaction = async (connection: DatabaseConnection) => {
			await connection.executeQuery(CompiledQuery.raw('begin immediate'));
		};
		return driver;
	}
}

export function connectSqlite(file: string): DB {
	if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
	const raw = new SQLite(file);
	raw.pragma('journal_mode = WAL');
	raw.pragma('foreign_keys = ON');
	raw.pragma('busy_timeout = 5000');
	raw.pragma('synchronous = NORMAL');
	return new Kysely<Database>({
		dialect: new ImmediateSqliteDialect({
			database: wrapSqliteDatabase(withStatementCache(raw))
		}),
		plugins: [new SqliteBooleanPlugin()]
	});
}

/** How many distinct statements are prepared by name (per process; each connection prepares
 * those it runs). Further statements run unnamed, parsed and planned each time. */
const PREPARED_STATEMENT_LIMIT = 500;
/** Statements with more parameters (long IN-lists, bulk inserts) vary too much to keep. */
const PREPARED_PARAMETER_LIMIT = 32;
/** Statement text → its name; texts that must run unnamed map to ''. */
const preparedNames = new Map<string, string>();
const WRAPPED = Symbol('huiban.wrapped');

function preparedName(text: string, parameters: number): string {
	let name = preparedNames.get(text);
	if (name === undefined) {
		if (parameters > PREPARED_PARAMETER_LIMIT || preparedNames.size >= PREPARED_STATEMENT_LIMIT) {
			return '';
		}
		name = `huiban_${preparedNames.size + 1}`;
		preparedNames.set(text, name);
	}
	return name;
}

type QueryFn = (text: unknown, values?: unknown, callback?: unknown) => unknown;
type QueryCallback = (err: Error | null, result: pg.QueryResult) => void;

/**
 * Each client of the pool runs Kysely's statements (text and values) through pg's callback
 * form, and on PostgreSQL's plan cache as named prepared statements unless `prepared` is false.
 *
 * The callback form: pg's promise form (`client.query(text, values)`, what Kysely calls) left
 * every result alive through V8's young-generation collections, so each page's rows were
 * promoted to the old generation and filled it until a full collection — one every 5–7 s under
 * load, the slowest 1 % of requests (docs/PERFORMANCE.md). Measured with the seating plan's
 * statement in a loop, one request, a `setImmediate` turn and two minor collections each: 47 KB
 * a statement kept with the promise form, 2.2 KB with the callback form.
 *
 * Prepared: Kysely sends every statement unnamed, so PostgreSQL parses and plans it on every
 * run: for the short statements a page makes, most of the server's time (the session's join:
 * 0.29 ms of PostgreSQL CPU unnamed, 0.05 ms prepared). Each client runs the same text as one
 * named prepared statement instead: parsed once per connection, planned by PostgreSQL's plan
 * cache (a generic plan once it costs no more than the custom ones). A prepared `select *`
 * fails with "cached plan must not change result type" (0A000) after a migration adds a
 * column, e.g. in an old process during a rolling restart: that text then runs unnamed from
 * then on, and the failed statement is run again unnamed unless it was inside a transaction
 * (which has failed; the caller's retry runs unnamed).
 */
function withStatementsRun(pool: pg.Pool, prepared: boolean) {
	const wrap = (client: pg.PoolClient) => {
		const marked = client as pg.PoolClient & { [WRAPPED]?: true };
		if (marked[WRAPPED]) return client;
		marked[WRAPPED] = true;
		const query = client.query.bind(client) as QueryFn;
		const run = (config: unknown, values?: unknown[]) =>
			new Promise<pg.QueryResult>((resolve, reject) => {
				const done: QueryCallback = (err, result) => (err ? reject(err) : resolve(result));
				if (values) query(config, values, done);
				else query(config, done);
			});
		(client as unknown as { query: QueryFn }).query = (text, values, callback) => {
			if (typeof text !== 'string' || !Array.isArray(values) || callback !== undefined) {
				return query(text, values, callback);
			}
			const name = prepared ? preparedName(text, values.length) : '';
			if (!name) return run(text, values);
			return run({ name, text, values }).catch((e) => {
				if (e?.code !== '0A000' || !/cached plan/.test(e.message)) throw e;
				preparedNames.set(text, '');
				log.warn({ statement: name }, 'a prepared statement changed its result type; now unnamed');
				if (client.getTransactionStatus() !== 'I') throw e;
				return run(text, values);
			});
		};
		return client;
	};
	return {
		connect: async () => wrap(await pool.connect()),
		end: () => pool.end()
	};
}

/** `prepared: false` (PG_PREPARED_STATEMENTS=off) for a pooler that does not keep them, such
 * as PgBouncer in transaction mode before 1.21. */
export function connectPostgres(url: string, max = 10, prepared = true): DB {
	// JIT compilation costs more than it saves for these short OLTP queries.
	const pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off' });
	pool.on('error', (err) => log.error(errorFields(err), 'idle database client failed'));
	return new Kysely<Database>({
		dialect: new PostgresDialect({
			pool: withStatementsRun(pool, prepared)
		})
	});
}

export function connect(opts: {
	databaseUrl?: string;
	sqlitePath: string;
	preparedStatements?: boolean;
}): DB {
	return opts.databaseUrl && dialectOf(opts.databaseUrl) === 'postgres'
		? connectPostgres(opts.databaseUrl, 10, opts.preparedStatements ?? true)
		: connectSqlite(opts.sqlitePath);
}

export function dialectOfDb(db: DB): DialectName {
	return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
