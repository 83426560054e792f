import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { paraglideOptions, testParaglideDir } from '../../../../vite.config';
import { connectPostgres, connectSqlite } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { adminQuery, testPostgresUrl, uniqueName, urlForDatabase } from './databases';

declare module 'vitest' {
	export interface ProvidedContext {
		templates: { sqliteFile: string; pgName: string };
	}
}

/**
 * The messages, one module per locale, for the tests. In a child process: the compiler's project
 * loader leaves timers behind that kept Vitest from exiting for ten seconds.
 */
function compileMessages(): void {
	const options = {
		...paraglideOptions,
		outdir: testParaglideDir,
		outputStructure: 'locale-modules',
		emitGitIgnore: false,
		emitPrettierIgnore: false
	};
	const script = `import { compile } from '@inlang/paraglide-js';
		await compile(${JSON.stringify(options)});
		process.exit(0);`;
	execFileSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
}

/** Migrates one template database per dialect; every test database is a copy of it. */
export default async function setup(project: TestProject) {
	compileMessages();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-template-'));
	const sqliteFile = path.join(dir, 'template.sqlite');
	const sqlite = connectSqlite(sqliteFile);
	await migrateToLatest(sqlite);
	await sqlite.destroy();
	let pgName = '';
	const base = testPostgresUrl();
	if (base) {
		pgName = uniqueName('huiban_tpl');
		await adminQuery(`CREATE DATABASE ${pgName}`);
		const pgdb = connectPostgres(urlForDatabase(base, pgName), 1);
		await migrateToLatest(pgdb);
		await pgdb.destroy();
	}
	project.provide('templates', { sqliteFile, pgName });
	return async () => {
		if (pgName) await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
		fs.rmSync(dir, { recursive: true, force: true });
	};
}
