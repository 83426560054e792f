import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { audit } from './audit';
import { describeEachDialect } from './testing/each-dialect';
import { auditCount } from './testing/fixtures';

describeEachDialect('audit log is append-only', ({ db, dialect }) => {
	it('refuses to update or delete an audit row, even from the database connection', async () => {
		await audit(db(), { ip: '10.0.0.9' }, 'test.write', 'test');
		await expect(
			db().updateTable('audit_log').set({ action: 'test.forged' }).execute()
		).rejects.toThrow(/append-only/);
		await expect(db().deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
		// PostgreSQL's TRUNCATE skips row triggers; SQLite has no TRUNCATE (its DELETE is above).
		if (dialect === 'postgres') {
			await expect(sql`TRUNCATE audit_log`.execute(db())).rejects.toThrow(/append-only/);
			// Also when it would be emptied as a table referencing another one being truncated.
			await expect(sql`TRUNCATE users CASCADE`.execute(db())).rejects.toThrow(/append-only/);
		}
		const rows = await db().selectFrom('audit_log').select('action').execute();
		expect(rows).toEqual([{ action: 'test.write' }]);
		expect(await auditCount(db())).toBe(1);
	});
});
