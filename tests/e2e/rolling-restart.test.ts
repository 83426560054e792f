import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TEST_DATABASE_URL, pgAdmin } from '../../scripts/launch.js';
import { e2eDialects } from './app';
import { nginxConfig } from './nginx';

// Issue 13 part 6: two app processes behind nginx (the upstream settings of docs/OPERATIONS.md),
// restarted one after the other 2 s apart while autocannon loads a signed-in page through the
// proxy: not one request may fail.

interface LoadResult {
	requests: { total: number };
	non2xx: number;
	errors: number;
	timeouts: number;
	resets: number;
	statusCodeStats: Record<string, { count: number }>;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (o: {
	url: string;
	connections: number;
	duration: number;
	headers?: Record<string, string>;
}) => Promise<LoadResult> & { on(event: 'reqError', listener: (e: Error) => void): void };

const LOAD_SECONDS = 12;
const ADMIN = { username: 'gunbo', password: 'Roll-Admin-2026' };

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `/readyz` answers 200 (the process took over its port and its database). */
async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`app exited:\n${output()}`);
		try {
			if ((await fetch(url + '/readyz')).status === 200) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`app not ready:\n${output()}`);
		await sleep(100);
	}
}

/** One app process on a fixed port; `restart()` is SIGTERM, wait for its exit, start again. */
function appProcess(env: NodeJS.ProcessEnv, port: number) {
	let child: ChildProcess;
	let output = '';
	const url = `http://127.0.0.1:${port}`;
	const start = async () => {
		child = spawn(process.execPath, ['scripts/serve.js'], {
			env: { ...env, PORT: String(port) },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (d) => (output += d));
		child.stderr!.on('data', (d) => (output += d));
		await waitReady(url, child, () => output);
	};
	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return null;
		const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
		child.kill('SIGTERM');
		return exited;
	};
	return {
		port,
		url,
		start,
		stop,
		output: () => output,
		pid: () => child.pid,
		restart: async () => {
			const code = await stop();
			await start();
			return code;
		}
	};
}

for (const dialect of e2eDialects('postgres')) {
	describe(`rolling restart behind nginx [${dialect}]`, () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-roll-'));
		let apps: ReturnType<typeof appProcess>[] = [];
		let nginx: ChildProcess | undefined;
		let proxyUrl = '';
		let dbName = '';
		let session = '';

		beforeAll(async () => {
			const env: NodeJS.ProcessEnv = {
				...process.env,
				HOST: '127.0.0.1',
				DATA_DIR: path.join(dir, 'data'),
				HUIBAN_SCHEDULER: 'off',
				LOG_LEVEL: 'warn',
				// Behind nginx on this machine (README's deployment): the client's address from it.
				ADDRESS_HEADER: 'X-Forwarded-For',
				XFF_DEPTH: '1'
			};
			delete env.DATABASE_URL;
			if (dialect === 'postgres') {
				dbName = `huiban_roll_${process.pid}`;
				await pgAdmin(`CREATE DATABASE ${dbName}`);
				const u = new URL(process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL);
				u.pathname = '/' + dbName;
				env.DATABASE_URL = u.toString();
			}
			const [p1, p2, pn] = [await freePort(), await freePort(), await freePort()];
			apps = [appProcess(env, p1), appProcess(env, p2)];
			// The first one migrates the empty database; then the second starts on it.
			await apps[0].start();
			await apps[1].start();

			fs.writeFileSync(
				path.join(dir, 'nginx.conf'),
				nginxConfig({ dir, listen: pn, upstreams: [p1, p2] })
			);
			nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
				stdio: ['ignore', 'pipe', 'pipe']
			});
			proxyUrl = `http://127.0.0.1:${pn}`;
			for (let i = 0; ; i++) {
				try {
					await fetch(proxyUrl + '/healthz');
					break;
				} catch {
					if (i > 100) throw new Error(fs.readFileSync(path.join(dir, 'error.log'), 'utf8'));
					await sleep(100);
				}
			}

			// Set up through the proxy and keep the administrator's session for the load.
			const res = await fetch(proxyUrl + '/setup', {
				method: 'POST',
				redirect: 'manual',
				headers: { accept: 'text/html', origin: proxyUrl },
				body: new URLSearchParams({
					officeName: '某市滚动局',
					timeZone: 'Asia/Shanghai',
					name: '滚动管理员',
					username: ADMIN.username,
					password: ADMIN.password,
					confirm: ADMIN.password
				})
			});
			expect(res.status).toBe(303);
			session = res.headers
				.getSetCookie()
				.find((c) => c.startsWith('huiban_session='))!
				.split(';')[0];
		});

		afterAll(async () => {
			for (const a of apps) await a.stop();
			if (nginx && nginx.exitCode === null) {
				const gone = new Promise((r) => nginx!.once('exit', r));
				nginx.kill('SIGQUIT');
				await gone;
			}
			if (dbName) await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
			fs.rmSync(dir, { recursive: true, force: true });
		});

		it('restarting both processes 2 s apart under load fails no request', async () => {
			const home = await fetch(proxyUrl + '/', { headers: { cookie: session } });
			expect(home.status).toBe(200);
			const pidsBefore = apps.map((a) => a.pid());

			const load = autocannon({
				url: proxyUrl + '/',
				connections: 8,
				duration: LOAD_SECONDS,
				headers: { cookie: session, accept: 'text/html' }
			});
			// What a failed request saw, for the assertion's message.
			const seen: string[] = [];
			load.on('reqError', (e: Error) => seen.push(e.message));
			await sleep(1500);
			const exit1 = await apps[0].restart();
			await sleep(2000);
			const exit2 = await apps[1].restart();
			const result = await load;

			// Each drained and exited on its own (code 0), and new processes took over.
			expect([exit1, exit2]).toEqual([0, 0]);
			expect(apps.map((a) => a.pid())).not.toContain(pidsBefore[0]);
			expect(apps.map((a) => a.pid())).not.toContain(pidsBefore[1]);
			expect(result.requests.total).toBeGreaterThan(200);
			expect(
				{
					non2xx: result.non2xx,
					errors: result.errors,
					timeouts: result.timeouts,
					resets: result.resets,
					statuses: Object.keys(result.statusCodeStats)
				},
				`client errors: ${seen.join('; ') || 'none'}\n` +
					fs.readFileSync(path.join(dir, 'error.log'), 'utf8').slice(-3000)
			).toEqual({ non2xx: 0, errors: 0, timeouts: 0, resets: 0, statuses: ['200'] });
			for (const a of apps) expect((await fetch(a.url + '/readyz')).status).toBe(200);
		});
	});
}
