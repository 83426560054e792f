import { sql, type Kysely } from 'kysely';
import { isPostgres } from './columns';

// 等保 audit retention: the audit log stays append-only, except that rows older than six
// months may be deleted (the retention purge, audit-retention.ts). The database refuses to
// delete anything younger, whatever the application asks.
export async function up(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		await sql`
			CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				IF TG_OP = 'DELETE' AND OLD.at < now() - interval '6 months' THEN
					RETURN OLD;
				END IF;
				RAISE EXCEPTION 'audit_log is append-only';
			END $$`.execute(db);
		return;
	}
	await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
	await sql
		.raw(
			`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
			WHEN OLD.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-6 months')
			BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`
		)
		.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		await sql`
			CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				RAISE EXCEPTION 'audit_log is append-only';
			END $$`.execute(db);
		return;
	}
	await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
	await sql
		.raw(
			`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
			BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`
		)
		.execute(db);
}
