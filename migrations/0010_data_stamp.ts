import { sql, type Kysely } from 'kysely';
import { UNSTAMPED_TABLES, addStampTriggers, dropStampTriggers, isPostgres } from './columns';

/**
 * A change stamp for the whole database: one number that every committed write advances
 * (triggers on every table but the few in UNSTAMPED_TABLES). Each app process reads it to
 * know whether what it rendered before may still be shown (src/lib/server/page-cache.ts),
 * across processes and on both databases.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('data_stamp')
		.addColumn('id', 'integer', (c) => c.primaryKey())
		.addColumn('n', 'bigint', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.insertInto('data_stamp').values({ id: 1, n: 0 }).execute();
	if (isPostgres(db)) {
		// Once per transaction: a transaction that writes 500 rows advances the stamp once.
		await sql`
			CREATE FUNCTION huiban_bump_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF current_setting('huiban.stamped', true) IS DISTINCT FROM txid_current()::text THEN
					PERFORM set_config('huiban.stamped', txid_current()::text, true);
					UPDATE data_stamp SET n = n + 1 WHERE id = 1;
				END IF;
				RETURN NULL;
			END $$`.execute(db);
	}
	for (const table of await stampedTables(db)) await addStampTriggers(db, table);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of await stampedTables(db)) await dropStampTriggers(db, table);
	if (isPostgres(db)) await sql`DROP FUNCTION huiban_bump_stamp()`.execute(db);
	await db.schema.dropTable('data_stamp').execute();
}

async function stampedTables(db: Kysely<any>): Promise<string[]> {
	const tables = await db.introspection.getTables();
	return tables
		.map((t) => t.name)
		.filter((name) => !name.startsWith('kysely_') && !UNSTAMPED_TABLES.includes(name))
		.sort();
}
