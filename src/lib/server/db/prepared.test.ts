import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import { describeEachDialect } from '../testing/each-dialect';
import { connectPostgres, type DB } from './connect';

// Statements are kept compiled between runs on both databases (connect.ts): SQLite's own
// statement cache, PostgreSQL's named prepared statements. What a user would notice if this
// went wrong is a wrong answer or a failed page, so that is what is checked.

/** The settings row as a page reads it, through the app's own query builder. */
const readSetting = (db: DB, key: string) =>
	db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();

describeEachDialect('statements kept compiled', ({ db, dialect, url }) => {
	beforeEach(async () => {
		await db()
			.insertInto('settings')
			.values([
				{ key: 'prep.a', value: '"一"' },
				{ key: 'prep.b', value: '"二"' }
			])
			.execute();
	});

	it('answer each run with its own parameters', async () => {
		for (let i = 0; i < 8; i++) {
			expect((await readSetting(db(), 'prep.a'))?.value).toBe('"一"');
			expect((await readSetting(db(), 'prep.b'))?.value).toBe('"二"');
		}
		expect(await readSetting(db(), 'prep.none')).toBeUndefined();
	});

	it('see a column a migration added while the process was running', async () => {
		// A `select *` compiled before the change (an old process during a rolling restart).
		for (let i = 0; i < 6; i++) await readSetting(db(), 'prep.a');
		await sql`alter table settings add column note varchar(20) default 'x' not null`.execute(db());
		for (let i = 0; i < 3; i++) {
			expect(await readSetting(db(), 'prep.a')).toMatchObject({ value: '"一"', note: 'x' });
		}
		// Inside a transaction (a statement not yet run since the change): it cannot be run again
		// there, so that transaction may fail once; every later one succeeds.
		const inTransaction = () =>
			db()
				.transaction()
				.execute((tx) =>
					tx
						.selectFrom('settings')
						.selectAll()
						.where('key', '=', 'prep.b')
						.limit(1)
						.executeTakeFirst()
				);
		for (let i = 0; i < 6; i++) await inTransaction();
		await sql`alter table settings add column note2 varchar(20) default 'y' not null`.execute(db());
		let failures = 0;
		for (let i = 0; i < 3; i++) {
			try {
				const row = await inTransaction();
				expect(row).toMatchObject({ value: '"二"', note: 'x', note2: 'y' });
			} catch (e) {
				expect((e as Error).message).toMatch(/cached plan/);
				failures++;
			}
		}
		expect(failures).toBeLessThanOrEqual(1);
		if (dialect === 'postgres') {
			// A second process that prepared nothing yet sees the same.
			const other = connectPostgres(url(), 1);
			try {
				expect(await readSetting(other, 'prep.b')).toMatchObject({ note: 'x', note2: 'y' });
			} finally {
				await other.destroy();
			}
		}
	});
});

describe('PG_PREPARED_STATEMENTS', () => {
	it('is on unless set to off (behind a pooler that does not keep prepared statements)', () => {
		expect(readConfig({}).preparedStatements).toBe(true);
		expect(readConfig({ PG_PREPARED_STATEMENTS: 'on' }).preparedStatements).toBe(true);
		expect(readConfig({ PG_PREPARED_STATEMENTS: 'OFF' }).preparedStatements).toBe(false);
	});
});
