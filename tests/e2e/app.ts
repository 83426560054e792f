import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type E2EDialect = 'sqlite' | 'postgres';

/** Dialects the journeys run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function e2eDialects(): E2EDialect[] {
	return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

async function pgAdmin(sql: string) {
	const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
	await c.connect();
	try {
		await c.query(sql);
	} finally {
		await c.end();
	}
}

export interface RunningApp {
	url: string;
	dialect: E2EDialect;
	dataDir: string;
	logs(): string;
	stop(): Promise<void>;
}

/** Starts the built server on a fresh, empty database (it migrates itself on start). */
export async function startApp(dialect: E2EDialect): Promise<RunningApp> {
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-e2e-'));
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir
	};
	delete env.DATABASE_URL;
	let dbName = '';
	if (dialect === 'postgres') {
		dbName = `huiban_e2e_${process.pid}_${port}`;
		await pgAdmin(`CREATE DATABASE ${dbName}`);
		const u = new URL(process.env.TEST_DATABASE_URL!);
		u.pathname = '/' + dbName;
		env.DATABASE_URL = u.toString();
	}
	let output = '';
	const child: ChildProcess = spawn(process.execPath, ['scripts/serve.js'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
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
	return {
		url,
		dialect,
		dataDir,
		logs: () => output,
		stop: async () => {
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			await exited;
			if (dbName) await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
