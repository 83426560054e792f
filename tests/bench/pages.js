// Median server time of the login and home pages (not a test: it prints numbers).
// Usage: node tests/bench/pages.js [sqlite|postgres]   (npm run bench:pages)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { build, needsBuild } from '../../scripts/start.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const N = Number(process.env.BENCH_REQUESTS || 300);
const port = 3900 + Math.floor(Math.random() * 90);
const url = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-bench-'));
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };
delete env.DATABASE_URL;
const pgBase = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `huiban_bench_${process.pid}`;

/** @param {string} sql */
async function pgAdmin(sql) {
	const c = new pg.Client({ connectionString: pgBase });
	await c.connect();
	await c.query(sql);
	await c.end();
}

if (needsBuild()) build();
if (dialect === 'postgres') {
	await pgAdmin(`CREATE DATABASE ${dbName}`);
	const u = new URL(pgBase);
	u.pathname = '/' + dbName;
	env.DATABASE_URL = u.toString();
}
const server = spawn(process.execPath, ['scripts/serve.js'], { env, stdio: 'ignore' });
for (let i = 0; ; i++) {
	try {
		await fetch(url + '/login', { redirect: 'manual' });
		break;
	} catch {
		if (i > 200) throw new Error('server did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** @param {string} pathname @param {Record<string, string>} fields @param {string} [cookie] */
async function post(pathname, fields, cookie = '') {
	return fetch(url + pathname, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded', cookie },
		body: new URLSearchParams(fields)
	});
}
const setup = await post('/setup', {
	officeName: '基准测试局',
	timeZone: 'Asia/Shanghai',
	name: '管理员',
	username: 'benchadmin',
	password: 'Bench-2026-pw',
	confirm: 'Bench-2026-pw',
	demo: 'on'
});
const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0];
if (!cookie) throw new Error('setup did not sign in');

/** @param {string} label @param {() => Promise<Response>} fn */
async function measure(label, fn) {
	/** @type {number[]} */
	const times = [];
	for (let i = 0; i < 20; i++) await fn(); // warm-up
	for (let i = 0; i < N; i++) {
		const t = process.hrtime.bigint();
		const res = await fn();
		await res.arrayBuffer();
		times.push(Number(process.hrtime.bigint() - t) / 1e6);
		if (res.status >= 400) throw new Error(`${label}: HTTP ${res.status}`);
	}
	times.sort((a, b) => a - b);
	const q = (/** @type {number} */ p) =>
		times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(2);
	return { page: label, requests: N, median_ms: q(0.5), p95_ms: q(0.95), max_ms: q(1) };
}

const rows = [
	await measure('GET /login', () => fetch(url + '/login')),
	await measure('GET / (home, signed in)', () => fetch(url + '/', { headers: { cookie } })),
	await measure('GET /admin/people', () => fetch(url + '/admin/people', { headers: { cookie } }))
];
console.log(`\nHuiban page timings on ${dialect} (${os.cpus().length} cores, sequential requests)`);
console.table(rows);
server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
if (dialect === 'postgres') await pgAdmin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
fs.rmSync(dataDir, { recursive: true, force: true });
