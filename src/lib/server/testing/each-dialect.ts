import { afterEach, beforeEach, describe, inject } from 'vitest';
import { setClock } from '../clock';
import type { DB, DialectName } from '../db/connect';
import { createTestDatabase, enabledDialects, type TestDatabase } from './databases';

export interface DialectContext {
	/** A fresh migrated database for the current test. */
	db(): DB;
	/** The current test database's URL (PostgreSQL) or file (SQLite), for a second connection. */
	url(): string;
	dialect: DialectName;
}

/** Runs the same tests on SQLite and on PostgreSQL, each test on a fresh database. */
export function describeEachDialect(title: string, fn: (ctx: DialectContext) => void): void {
	for (const dialect of enabledDialects()) {
		describe(`${title} [${dialect}]`, () => {
			let current: TestDatabase | undefined;
			beforeEach(async () => {
				current = await createTestDatabase(dialect, inject('templates'));
			});
			afterEach(async () => {
				// A test that set the clock leaves the next one on the real clock.
				setClock(null);
				await current?.drop();
				current = undefined;
			});
			fn({
				dialect,
				db: () => {
					if (!current) throw new Error('no test database');
					return current.db;
				},
				url: () => {
					if (!current) throw new Error('no test database');
					return current.url;
				}
			});
		});
	}
}
