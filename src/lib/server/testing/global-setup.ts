import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compile } from '@inlang/paraglide-js';
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

/** Migrates one template database per dialect; every test database is a copy of it. */
export default async function setup(project: TestProject) {
	await compile({
		...paraglideOptions,
		outdir: testParaglideDir,
		outputStructure: 'locale-modules',
		emitGitIgnore: false,
		emitPrettierIgnore: false
	});
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
