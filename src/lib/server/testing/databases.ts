import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connectPostgres, connectSqlite, type DB, type DialectName } from '../db/connect';

/** The PostgreSQL server for tests: TEST_DATABASE_URL (npm test sets and requires it). */
export function testPostgresUrl(): string | undefined {
	return process.env.TEST_DATABASE_URL?.trim() || undefined;
}

export function enabledDialects(): DialectName[] {
	return testPostgresUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

export function urlForDatabase(base: string, name: string): string {
	const u = new URL(base);
	u.pathname = '/' + name;
	return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: testPostgresUrl() });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

let counter = 0;
function uniqueName(prefix: string): string {
	return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
}

export interface TestDatabase {
	db: DB;
	dialect: DialectName;
	/** For child processes (e2e): DATABASE_URL, or the SQLite file. */
	url: string;
	drop(): Promise<void>;
}

/** A fresh, migrated database copied from the template that global setup prepared. */
export async function createTestDatabase(
	dialect: DialectName,
	template: { sqliteFile: string; pgName: string }
): Promise<TestDatabase> {
	if (dialect === 'sqlite') {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-test-'));
		const file = path.join(dir, 'test.sqlite');
		fs.copyFileSync(template.sqliteFile, file);
		const db = connectSqlite(file);
		return {
			db,
			dialect,
			url: file,
			drop: async () => {
				await db.destroy();
				fs.rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const name = uniqueName('huiban_t');
	await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template.pgName}`);
	const url = urlForDatabase(testPostgresUrl()!, name);
	const db = connectPostgres(url, 4);
	return {
		db,
		dialect,
		url,
		drop: async () => {
			await db.destroy();
			await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		}
	};
}

export { uniqueName };
