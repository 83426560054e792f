// What the bench runners share (tests/bench/*.js): the dialects asked for on the command line,
// signing in over HTTP, the database a started server uses, one checked GET, and a route under
// load with autocannon (p50/p99 at N connections after a warm-up).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { DEFAULT_TEST_DATABASE_URL } from '../../scripts/launch.js';

/**
 * @typedef {{ average: number, p50: number, p99: number }} Histogram
 * @typedef {{ requests: Histogram, latency: Histogram, non2xx: number, errors: number,
 *   timeouts: number }} LoadResult
 */

const require = createRequire(import.meta.url);
const AUTOCANNON_CLI = require.resolve('autocannon/autocannon.js');

/**
 * A route under load from autocannon in a process of its own: the latencies are what a plain
 * client measures, not a process that also holds Vite and the app's modules (the bench runners
 * make their data through them), whose collections would stall the client's clock.
 * @param {{ url: string, connections: number, duration: number, headers?: Record<string, string> }} o
 * @returns {Promise<LoadResult>}
 */
export function autocannon(o) {
	const args = [AUTOCANNON_CLI, '--json', '-c', String(o.connections), '-d', String(o.duration)];
	for (const [name, value] of Object.entries(o.headers ?? {})) args.push('-H', `${name}=${value}`);
	args.push(o.url);
	return new Promise((resolve, reject) => {
		execFile(process.execPath, args, { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
			if (err) reject(new Error(`autocannon failed: ${stderr || err.message}`));
			else resolve(JSON.parse(stdout));
		});
	});
}

export const CONNECTIONS = 20;
export const SECONDS = Number(process.env.BENCH_SECONDS || 8);
/**
 * Load before each route's measurement. A process reaches its steady speed only after some
 * thousands of requests: V8 optimises the hot code in tiers, the heap grows to its working
 * size, and on PostgreSQL each pooled connection prepares its statements and its plan cache
 * settles on generic plans. Measured (督办 filtered list, PostgreSQL, 20 connections): 188
 * req/s in the 2nd second, 290 in the 10th, 380–390 from the 18th on. The steady state is what
 * an office's server, up for days, serves; the first request of each route is reported apart.
 */
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS || 15);
export const PAGE_P99_MS = 100;

/** `node tests/bench/x.js [sqlite|postgres]...`: the dialects asked for, both by default. */
export function dialectsAsked() {
	const asked = process.argv.slice(2).filter((a) => a === 'sqlite' || a === 'postgres');
	return /** @type {('sqlite' | 'postgres')[]} */ (asked.length ? asked : ['sqlite', 'postgres']);
}

export const num = (/** @type {number} */ x, digits = 0) =>
	x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Signs in over HTTP as a browser would; returns the session cookie. */
export async function signIn(
	/** @type {string} */ url,
	/** @type {{ username: string, password: string }} */ u
) {
	const res = await fetch(url + '/login', {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ username: u.username, password: u.password })
	});
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('huiban_session='));
	if (res.status !== 303 || !cookie) throw new Error(`login answered HTTP ${res.status}`);
	return cookie;
}

/** The database startServer made: launch.js names it after this process and the port. */
export function databaseUrlOf(/** @type {{ url: string, dialect: string }} */ server) {
	if (server.dialect !== 'postgres') return undefined;
	const u = new URL(process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL);
	u.pathname = `/huiban_run_${process.pid}_${new URL(server.url).port}`;
	return u.toString();
}

/** One timed GET: the route must answer 200 (not a redirect to the login). */
export async function probe(/** @type {string} */ url, /** @type {string} */ cookie) {
	const t = performance.now();
	const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
	const body = await res.text();
	if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
	return { bytes: body.length, ms: performance.now() - t, body };
}

/**
 * A route under load: one checked GET, a warm-up, then `SECONDS` at `CONNECTIONS`.
 * @param {string} url
 * @param {string} cookie
 */
export async function loadRoute(url, cookie) {
	const first = await probe(url, cookie);
	const opts = { url, connections: CONNECTIONS, headers: { cookie } };
	await autocannon({ ...opts, duration: WARMUP_SECONDS });
	const res = await autocannon({ ...opts, duration: SECONDS });
	return {
		first: { bytes: first.bytes, ms: first.ms },
		rps: res.requests.average,
		p50: res.latency.p50,
		p99: res.latency.p99,
		failures: res.non2xx + res.errors + res.timeouts
	};
}

/** "met" / "**missed**" for a p99 against the page target. */
export function pageVerdict(/** @type {{ p99: number, failures: number }} */ row) {
	if (row.p99 < PAGE_P99_MS && !row.failures) return 'met';
	return `**missed**${row.failures ? `, ${row.failures} failed` : ''}`;
}
