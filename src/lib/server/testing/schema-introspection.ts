import { sql } from 'kysely';
import { dialectOfDb, type DB } from '../db/connect';

/** Primary-key columns per table, in key order. */
export async function primaryKeys(db: DB): Promise<{ table: string; column: string }[]> {
	if (dialectOfDb(db) === 'postgres') {
		const r = await sql<{ table: string; column: string }>`
			SELECT tc.table_name AS "table", kcu.column_name AS "column"
			FROM information_schema.table_constraints tc
			JOIN information_schema.key_column_usage kcu
				ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
			WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema()
			ORDER BY tc.table_name, kcu.ordinal_position`.execute(db);
		return r.rows;
	}
	const r = await sql<{ table: string; column: string }>`
		SELECT m.name AS "table", p.name AS "column"
		FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND p.pk > 0
		ORDER BY m.name, p.pk`.execute(db);
	return r.rows;
}

export interface IndexShape {
	table: string;
	columns: string[];
	isUnique: boolean;
	isPartial: boolean;
}

/** An expression in an index (e.g. lower(username)): each database spells it its own way. */
const EXPRESSION = '(expression)';

interface RawIndex extends IndexShape {
	name: string;
	/** Made for a UNIQUE column or table constraint rather than by CREATE INDEX. */
	isConstraint: boolean;
}

async function rawIndexes(db: DB): Promise<RawIndex[]> {
	if (dialectOfDb(db) === 'postgres') {
		const r = await sql<RawIndex>`
			SELECT t.relname AS "table", i.relname AS "name", ix.indisunique AS "isUnique",
				ix.indpred IS NOT NULL AS "isPartial",
				EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = ix.indexrelid AND c.contype = 'u')
					AS "isConstraint",
				array(
					SELECT coalesce(a.attname::text, ${EXPRESSION})
					FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, pos)
					LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum
					ORDER BY k.pos
				) AS "columns"
			FROM pg_index ix
			JOIN pg_class i ON i.oid = ix.indexrelid
			JOIN pg_class t ON t.oid = ix.indrelid
			JOIN pg_namespace n ON n.oid = t.relnamespace
			WHERE n.nspname = current_schema() AND NOT ix.indisprimary`.execute(db);
		return r.rows;
	}
	const list = await sql<{
		table: string;
		name: string;
		unique: number;
		origin: string;
		partial: number;
	}>`
		SELECT m.name AS "table", il.name, il."unique", il.origin, il.partial
		FROM sqlite_master m JOIN pragma_index_list(m.name) il
		WHERE m.type = 'table' AND il.origin <> 'pk'`.execute(db);
	const out: RawIndex[] = [];
	for (const ix of list.rows) {
		const cols = await sql<{ name: string | null }>`
			SELECT name FROM pragma_index_info(${ix.name}) ORDER BY seqno`.execute(db);
		out.push({
			table: ix.table,
			name: ix.name,
			isUnique: ix.unique === 1,
			isPartial: ix.partial === 1,
			isConstraint: ix.origin === 'u',
			columns: cols.rows.map((c) => c.name ?? EXPRESSION)
		});
	}
	return out;
}

/**
 * The secondary indexes, keyed by name. Primary keys are compared elsewhere; an index behind a
 * UNIQUE constraint has a name each database makes up (sqlite_autoindex_…, …_key), so it is
 * keyed by its table and columns instead.
 */
export async function indexes(db: DB): Promise<Record<string, IndexShape>> {
	const entries = (await rawIndexes(db)).map(({ name, isConstraint, ...shape }) => {
		const key = isConstraint ? `unique ${shape.table}(${shape.columns.join(', ')})` : name;
		return [key, shape] as const;
	});
	return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}
