import type Database from 'better-sqlite3';
import type {
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';

/**
 * SQLite has no boolean type. House rule: every boolean column is named `is_*`; on SQLite such
 * columns come back as 0/1 and are turned into true/false here, so both dialects agree.
 */
export class SqliteBooleanPlugin implements KyselyPlugin {
	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		return args.node;
	}
	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		for (const row of args.result.rows) {
			for (const key in row) {
				if (key.startsWith('is_') && (row[key] === 0 || row[key] === 1)) row[key] = row[key] === 1;
			}
		}
		return args.result;
	}
}

function toSqliteValue(v: unknown): unknown {
	if (typeof v === 'boolean') return v ? 1 : 0;
	if (v instanceof Date) return v.toISOString();
	return v;
}

/** better-sqlite3 refuses booleans and Dates as parameters; bind them as SQLite stores them. */
export function wrapSqliteDatabase(raw: Database.Database) {
	return {
		close: () => raw.close(),
		prepare(sql: string) {
			const stmt = raw.prepare(sql);
			const conv = (params: readonly unknown[]) => params.map(toSqliteValue);
			return {
				reader: stmt.reader,
				all: (params: readonly unknown[]) => stmt.all(...conv(params)),
				run: (params: readonly unknown[]) => stmt.run(...conv(params)),
				iterate: (params: readonly unknown[]) => stmt.iterate(...conv(params))
			};
		}
	} as unknown as Database.Database;
}
