import { sql, type Kysely } from 'kysely';
import { isPostgres } from './columns';

// 等保 三级: no role — not even the application's own code — may edit or delete audit rows.
export async function up(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		await sql`
			CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
				RAISE EXCEPTION 'audit_log is append-only';
			END $$`.execute(db);
		await sql`
			CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
			FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db);
		return;
	}
	for (const op of ['UPDATE', 'DELETE']) {
		await sql
			.raw(
				`CREATE TRIGGER audit_log_no_${op.toLowerCase()} BEFORE ${op} ON audit_log
				BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`
			)
			.execute(db);
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		await sql`DROP TRIGGER audit_log_append_only ON audit_log`.execute(db);
		await sql`DROP FUNCTION audit_log_append_only()`.execute(db);
		return;
	}
	await sql`DROP TRIGGER audit_log_no_update`.execute(db);
	await sql`DROP TRIGGER audit_log_no_delete`.execute(db);
}
