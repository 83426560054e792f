// `npm test`: every test — domain and service tests on SQLite and PostgreSQL, then the browser
// journeys in Chromium. PostgreSQL and Chromium are required: a missing one fails the run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

process.env.TEST_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function die(msg) {
	console.error(`\n[npm test] ${msg}\n`);
	process.exit(1);
}

const client = new pg.Client({
	connectionString: process.env.TEST_DATABASE_URL,
	connectionTimeoutMillis: 5000
});
try {
	await client.connect();
	await client.query('select 1');
	await client.end();
} catch (e) {
	die(
		`PostgreSQL is not reachable at ${process.env.TEST_DATABASE_URL} (${e.message}).\n` +
			'Start it (e.g. pg_ctlcluster --skip-systemctl-redirect 15 main start) or set TEST_DATABASE_URL.'
	);
}
if (!fs.existsSync(chromium)) {
	die(
		`Chromium is not installed at ${chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`
	);
}

const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const extra = process.argv.slice(2);
let passed = 0;
let failed = 0;
let failedRun = false;
for (const [label, args] of [
	['domain + services (SQLite, PostgreSQL)', []],
	['browser journeys (Chromium)', ['--config', 'vitest.e2e.config.ts']]
]) {
	console.log(`\n[npm test] ${label}`);
	const report = path.join(os.tmpdir(), `huiban-vitest-${process.pid}-${passed + failed}.json`);
	const r = spawnSync(
		process.execPath,
		[
			vitest,
			'run',
			...args,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${report}`,
			...extra
		],
		{ stdio: 'inherit' }
	);
	if (fs.existsSync(report)) {
		const json = JSON.parse(fs.readFileSync(report, 'utf8'));
		passed += json.numPassedTests;
		failed += json.numFailedTests + (json.numTotalTests === 0 ? 1 : 0);
		fs.rmSync(report);
	}
	if (r.status !== 0) failedRun = true;
}
console.log(`\nTests: ${passed} passed, ${failed} failed`);
process.exit(failedRun || failed > 0 ? 1 : 0);
