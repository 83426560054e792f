// Median server time of the login and home pages (not a test: it prints numbers).
// Usage: node tests/bench/pages.js [sqlite|postgres]   (npm run bench:pages)
import os from 'node:os';
import { startServer } from '../../scripts/launch.js';
import { build, needsBuild } from '../../scripts/start.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const N = Number(process.env.BENCH_REQUESTS || 300);
if (needsBuild()) build();
const server = await startServer(dialect);
const url = server.url;

/**
 * @param {string} pathname
 * @param {Record<string, string>} fields
 * @param {string} [cookie]
 */
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

/**
 * @param {string} label
 * @param {() => Promise<Response>} fn
 */
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

const measureAll = async () => [
	await measure('GET /login', () => fetch(url + '/login')),
	await measure('GET / (home, signed in)', () => fetch(url + '/', { headers: { cookie } })),
	await measure('GET /admin/people', () => fetch(url + '/admin/people', { headers: { cookie } }))
];
const served = await measureAll();
// The same again with the page cache off: every request rendered (a first view, or any view
// right after a change). /login and /admin/people are never cached; home is.
await server.restart({ PAGE_CACHE_MB: '0' });
const rendered = await measureAll();
console.log(`\nHuiban page timings on ${dialect} (${os.cpus().length} cores, sequential requests)`);
console.log('As served (page cache on, the default):');
console.table(served);
console.log('Every request rendered (PAGE_CACHE_MB=0):');
console.table(rendered);
await server.stop();
