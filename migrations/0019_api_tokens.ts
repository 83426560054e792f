import type { Kysely } from 'kysely';
import { addStampTriggers, dropStampTriggers, instant, withId } from './columns';

// Personal access tokens for the JSON API (/api/v1, issue 13):
//
// - api_tokens: a named token of one person, scoped 'read' (GET only) or 'write'. Only the
//   SHA-256 of the token is stored (hex, unique); the token itself is shown once. A token
//   stops working at expires_at or once revoked_at is set; last_used_at is written at most
//   once a minute (with the `api.use` audit row).
export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('api_tokens'))
		.addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
		.addColumn('name', 'varchar(40)', (c) => c.notNull())
		.addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
		// read | write
		.addColumn('scope', 'varchar(8)', (c) => c.notNull());
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'expires_at', (c) => c.notNull());
	t = instant(db, t, 'last_used_at');
	t = instant(db, t, 'revoked_at');
	await t.execute();
	await db.schema.createIndex('api_tokens_user_ix').on('api_tokens').column('user_id').execute();
	await addStampTriggers(db, 'api_tokens');
}

export async function down(db: Kysely<any>): Promise<void> {
	await dropStampTriggers(db, 'api_tokens');
	await db.schema.dropTable('api_tokens').execute();
}
