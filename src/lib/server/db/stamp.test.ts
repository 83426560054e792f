import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { UNSTAMPED_TABLES } from '../../../../migrations/columns';
import { createSession } from '../auth/session';
import { describeEachDialect } from '../testing/each-dialect';
import { newDepartment, newUser } from '../testing/fixtures';
import { connect, type DB } from './connect';
import { readStamp } from './stamp';

async function tablesWithStampTriggers(db: DB, dialect: string): Promise<string[]> {
	if (dialect === 'postgres') {
		const r = await sql<{ table: string }>`
			SELECT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
			WHERE t.tgname = c.relname || '_stamp' AND NOT t.tgisinternal`.execute(db);
		return r.rows.map((x) => x.table).sort();
	}
	const r = await sql<{ table: string; n: number }>`
		SELECT tbl_name AS "table", count(*) AS n FROM sqlite_master
		WHERE type = 'trigger' AND name LIKE '%\\_stamp\\_%' ESCAPE '\\'
		GROUP BY tbl_name`.execute(db);
	// Insert, update and delete each have their trigger on SQLite.
	return r.rows
		.filter((x) => Number(x.n) === 3)
		.map((x) => x.table)
		.sort();
}

describeEachDialect('the change stamp', ({ db, dialect, url }) => {
	it('is carried by every table except sessions, throttles and scheduler marks', async () => {
		const all = (await db().introspection.getTables()).map((t) => t.name);
		const expected = all.filter((t) => !UNSTAMPED_TABLES.includes(t)).sort();
		expect(expected).toContain('meetings');
		expect(expected).toContain('notifications');
		expect(await tablesWithStampTriggers(db(), dialect)).toEqual(expected);
	});

	it('advances on every committed insert, update and delete', async () => {
		const s0 = await readStamp(db());
		const dept = await newDepartment(db(), { name: '综合科' });
		const s1 = await readStamp(db());
		expect(s1).toBeGreaterThan(s0);
		await db()
			.updateTable('departments')
			.set({ name: '综合一科' })
			.where('id', '=', dept)
			.execute();
		const s2 = await readStamp(db());
		expect(s2).toBeGreaterThan(s1);
		await db().deleteFrom('departments').where('id', '=', dept).execute();
		expect(await readStamp(db())).toBeGreaterThan(s2);
	});

	it('stays put when a transaction is rolled back', async () => {
		const before = await readStamp(db());
		await expect(
			db()
				.transaction()
				.execute(async (trx) => {
					await newDepartment(trx, { name: '临时科' });
					throw new Error('abandon');
				})
		).rejects.toThrow('abandon');
		expect(await readStamp(db())).toBe(before);
		expect(await db().selectFrom('departments').select('id').execute()).toEqual([]);
	});

	it('ignores session touches, which happen on every page view', async () => {
		const user = await newUser(db(), { username: 'stampuser' });
		const limits = { idleMinutes: 120, absoluteHours: 12 };
		const { session } = await createSession(db(), user.id, limits, { ip: '', userAgent: '' });
		const before = await readStamp(db());
		await db()
			.updateTable('sessions')
			.set({ last_seen_at: new Date().toISOString() })
			.where('id', '=', session.id)
			.execute();
		expect(await readStamp(db())).toBe(before);
	});

	it('is seen by another connection as soon as the change is committed', async () => {
		const other =
			dialect === 'postgres'
				? connect({ databaseUrl: url(), sqlitePath: '' })
				: connect({ sqlitePath: url() });
		try {
			const before = await readStamp(other);
			await db()
				.transaction()
				.execute(async (trx) => {
					await newDepartment(trx, { name: '一科' });
					await newDepartment(trx, { name: '二科' });
					// Not yet committed: the other connection still sees the old stamp.
					if (dialect === 'postgres') expect(await readStamp(other)).toBe(before);
				});
			const after = await readStamp(other);
			expect(after).toBeGreaterThan(before);
			// PostgreSQL advances it once per transaction, however many rows it wrote.
			if (dialect === 'postgres') expect(after).toBe(before + 1);
		} finally {
			await other.destroy();
		}
	});
});
