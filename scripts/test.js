// `npm test`: every test — domain and service tests on SQLite and PostgreSQL, then the browser
// journeys in Chromium. It first sets up what they need (scripts/test-setup.js):
// - PostgreSQL: TEST_DATABASE_URL when set (it must answer); else the local server at
//   postgres://postgres@127.0.0.1:5432/test (HUIBAN_TEST_PG_PROBE names another URL to try);
//   else a throwaway server started for the run and deleted at its end (also on Ctrl-C).
// - Debian packages the suites run (Chromium, Dovecot, Python's icalendar, nginx): installed with
//   apt-get when running as root (HUIBAN_TEST_INSTALL=0 forbids it), otherwise the run stops with
//   the one command to run.
// Arguments go to Vitest: `node scripts/test.js src/lib/domain/leave.test.ts` runs that file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
	ensurePackages,
	postgresPlan,
	probePostgres,
	probeUrl,
	startThrowawayPostgres,
	suitesFor
} from './test-setup.js';

/** @param {string} msg */
function say(msg) {
	console.log(`[npm test] ${msg}`);
}

/**
 * @param {string} msg
 * @returns {never}
 */
function die(msg) {
	console.error(`\n[npm test] ${msg}\n`);
	process.exit(1);
}

const extra = process.argv.slice(2);
const suites = suitesFor(extra);

const missing = ensurePackages({ e2e: suites.e2e, log: say });
if (missing) die(missing);

const envUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
const probedUrl = envUrl ?? probeUrl(process.env);
const plan = postgresPlan({ envUrl, probedUrl, probe: await probePostgres(probedUrl) });
if (plan.kind === 'stop') die(plan.message);

/** @type {import('./test-setup.js').ThrowawayPostgres | undefined} */
let server;
if (plan.kind === 'use') {
	process.env.TEST_DATABASE_URL = plan.url;
} else {
	say(`no PostgreSQL server for the tests (${plan.reason})`);
	try {
		server = await startThrowawayPostgres();
	} catch (e) {
		die(`could not start a throwaway PostgreSQL server: ${e instanceof Error ? e.message : e}`);
	}
	process.env.TEST_DATABASE_URL = server.url;
	say(`started a throwaway PostgreSQL (${server.source}) at ${server.url} in ${server.dir}`);
	process.on('exit', () => server?.kill());
}

/** @type {import('node:child_process').ChildProcess | undefined} */
let current;
/** @type {NodeJS.Signals | undefined} */
let interrupted;
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
	process.on(sig, () => {
		interrupted = sig;
		// Ctrl-C already reached Vitest (same process group); other signals are passed on.
		if (sig !== 'SIGINT') current?.kill(sig);
	});
}

/**
 * @param {string[]} args
 * @returns {Promise<number | null>}
 */
function run(args) {
	return new Promise((resolve, reject) => {
		current = spawn(process.execPath, args, { stdio: 'inherit' });
		current.once('error', reject);
		current.once('exit', (code) => resolve(code));
	});
}

const vitest = path.resolve('node_modules/vitest/vitest.mjs');
let passed = 0;
let failed = 0;
let skipped = 0;
let total = 0;
let failedRun = false;
try {
	/** @type {[string, string[]][]} */
	const runs = [];
	if (suites.unit) runs.push(['domain + services (SQLite, PostgreSQL)', []]);
	if (suites.e2e) runs.push(['browser journeys (Chromium)', ['--config', 'vitest.e2e.config.ts']]);
	for (const [label, args] of runs) {
		if (interrupted) break;
		console.log(`\n[npm test] ${label}`);
		const report = path.join(os.tmpdir(), `huiban-vitest-${process.pid}-${passed + failed}.json`);
		const code = await run([
			vitest,
			'run',
			...args,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${report}`,
			// A file or name filter may select nothing in one of the two suites.
			...(suites.filtered ? ['--passWithNoTests'] : []),
			...extra
		]);
		if (fs.existsSync(report)) {
			const json = JSON.parse(fs.readFileSync(report, 'utf8'));
			passed += json.numPassedTests;
			failed += json.numFailedTests + (json.numTotalTests === 0 && !suites.filtered ? 1 : 0);
			// tests of a suite whose setup failed are skipped, not failed
			skipped += json.numPendingTests + json.numTodoTests;
			total += json.numTotalTests;
			fs.rmSync(report);
		}
		if (code !== 0) failedRun = true;
	}
} finally {
	if (server) {
		await server.stop();
		say('stopped the throwaway PostgreSQL and deleted its data');
	}
}
if (interrupted) process.exit(130);
if (suites.filtered && total === 0 && !failedRun) die('no tests matched the arguments');
console.log(`\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedRun || failed > 0 ? 1 : 0);
