import { sql, type Kysely } from 'kysely';
import { isPostgres } from './columns';

// Found by an audit of the foundation: usernames are looked up without regard to case, so the
// unique index must ignore case too; and on PostgreSQL TRUNCATE skips row triggers, so the
// append-only audit log needs a statement trigger as well.
export async function up(db: Kysely<any>): Promise<void> {
	const clashes = await sql<{ name: string; n: number | string }>`
		SELECT lower(username) AS name, count(*) AS n FROM users
		GROUP BY lower(username) HAVING count(*) > 1 ORDER BY lower(username)`.execute(db);
	if (clashes.rows.length) {
		const names = clashes.rows.map((r) => `${r.name} (${Number(r.n)})`).join(', ');
		throw new Error(
			`用户名仅大小写不同，无法建立不区分大小写的唯一索引；请先改名 / ` +
				`usernames differ only in case, rename them before migrating: ${names}`
		);
	}
	await db.schema.dropIndex('users_username_uq').execute();
	await db.schema
		.createIndex('users_username_lower_uq')
		.on('users')
		.unique()
		.expression(sql`lower(username)`)
		.execute();

	if (isPostgres(db)) {
		// Reuses 0003's function, which raises 'audit_log is append-only'.
		await sql`
			CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
			FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) await sql`DROP TRIGGER audit_log_no_truncate ON audit_log`.execute(db);
	await db.schema.dropIndex('users_username_lower_uq').execute();
	await db.schema
		.createIndex('users_username_uq')
		.on('users')
		.column('username')
		.unique()
		.execute();
}
