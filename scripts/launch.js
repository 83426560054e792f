// Starts the built server on a fresh, empty database for journeys, benchmarks and
// screenshots; launches Debian's Chromium with the flags this offline machine needs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium } from 'playwright-core';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** @param {string} sql */
export async function pgAdmin(sql) {
	const c = new pg.Client({
		connectionString: process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL
	});
	await c.connect();
	try {
		await c.query(sql);
	} finally {
		await c.end();
	}
}

/** @returns {Promise<number>} */
function freePort() {
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
 * @param {'sqlite' | 'postgres'} dialect
 * @param {NodeJS.ProcessEnv} [extraEnv]
 */
export async function startServer(dialect, extraEnv = {}) {
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-run-'));
	/** @type {NodeJS.ProcessEnv} */
	const env = {
		...process.env,
		...extraEnv,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir
	};
	delete env.DATABASE_URL;
	let dbName = '';
	if (dialect === 'postgres') {
		dbName = `huiban_run_${process.pid}_${port}`;
		await pgAdmin(`CREATE DATABASE ${dbName}`);
		const u = new URL(process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL);
		u.pathname = '/' + dbName;
		env.DATABASE_URL = u.toString();
	}
	let proc = await spawnServer(env, port);
	const url = `http://127.0.0.1:${port}`;
	/** Ends the process and waits for it to be gone (the data stays). */
	const halt = async () => {
		const exited = new Promise((r) => proc.child.once('exit', r));
		proc.child.kill('SIGTERM');
		await exited;
	};
	const server = {
		url,
		dialect,
		dataDir,
		pid: proc.child.pid,
		logs: () => proc.output(),
		/** The same data served by a new process with other settings (e.g. PAGE_CACHE_MB=0). */
		restart: async (/** @type {NodeJS.ProcessEnv} */ moreEnv = {}) => {
			await halt();
			proc = await spawnServer({ ...env, ...moreEnv }, port);
			server.pid = proc.child.pid;
		},
		stop: async () => {
			await halt();
			if (dbName) await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return server;
}

/**
 * Spawns scripts/serve.js and waits until it answers.
 * @param {NodeJS.ProcessEnv} env
 * @param {number} port
 */
async function spawnServer(env, port) {
	let output = '';
	const child = spawn(process.execPath, ['scripts/serve.js'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode != null) throw new Error(`server exited:\n${output}`);
		try {
			await fetch(url + '/login', { redirect: 'manual' });
			break;
		} catch {
			if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
			await new Promise((r) => setTimeout(r, 150));
		}
	}
	return { child, output: () => output };
}

export function chromiumPath() {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function launchChromium() {
	return chromium.launch({
		executablePath: chromiumPath(),
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--lang=zh-CN'
		]
	});
}
