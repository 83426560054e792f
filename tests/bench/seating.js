// `npm run bench` (fifth part): seating at scale (issue 12) — 500 people on one meeting in a hall
// of 30 floor rows under a rostrum of three, on SQLite and PostgreSQL. A measurement, not a test:
// it prints the numbers and exits 0 even when a target is missed. Measured: the plan page
// /meetings/[id]/seating (p99 at 20 connections on one server process, every request rendered:
// PAGE_CACHE_MB=0), the phone's meeting page of a seated participant, and arranging the plan
// through the service (arrangePlan: read, arrange, write 500 placements and a version).
// Usage: node tests/bench/seating.js [sqlite|postgres]...   BENCH_SECONDS=8 (per route)
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/launch.js';
import { build, needsBuild } from '../../scripts/start.js';
import { withAppModule } from '../../scripts/vite-load.js';
import {
	CONNECTIONS,
	SECONDS,
	WARMUP_SECONDS,
	databaseUrlOf,
	dialectsAsked,
	loadRoute,
	num,
	pageVerdict,
	probe,
	signIn
} from './kit.js';

/**
 * One request at a time, 20 times: the median and slowest time of a whole response. On a
 * machine others are using too, this says what a page costs better than a p99 at 20
 * connections, which measures the queue as much as the page.
 * @param {string} url
 * @param {string} cookie
 */
async function alone(url, cookie) {
	const times = [];
	for (let i = 0; i < 20; i++) times.push((await probe(url, cookie)).ms);
	times.sort((a, b) => a - b);
	return { median: (times[9] + times[10]) / 2, max: times[19] };
}

/** @typedef {import('./seating-generate').GeneratedSeating} Generated */

/**
 * @param {any} app
 * @param {'sqlite' | 'postgres'} dialect
 */
async function benchDialect(app, dialect) {
	console.log(`\n[bench] ${dialect}: starting the server and seating 500 people…`);
	const server = await startServer(dialect, { HUIBAN_SCHEDULER: 'off', PAGE_CACHE_MB: '0' });
	try {
		/** @type {Generated} */
		const g = await app.generateSeating({
			url: server.url,
			databaseUrl: databaseUrlOf(server),
			sqlitePath: path.join(server.dataDir, 'huiban.sqlite')
		});
		console.log(
			`  generated in ${g.seconds.toFixed(1)} s: ${num(g.counts.meeting_participants)} ` +
				`participants, ${num(g.seated)} seated; arrangePlan median ${num(g.arrangeMs, 1)} ms, ` +
				`loadPlanPage (model only) median ${num(g.pageModelMs, 1)} ms`
		);
		const office = await signIn(server.url, g.office);
		const participant = await signIn(server.url, g.participant);
		const routes = [
			{ label: 'signed-in floor', path: '/account/password', cookie: office },
			{
				label: `seating plan, ${num(g.seated)} seated`,
				path: `/meetings/${g.meetingId}/seating`,
				cookie: office
			},
			{
				label: 'meeting page of a seated participant (我的座位)',
				path: `/meetings/${g.meetingId}`,
				cookie: participant
			}
		];
		const rows = [];
		for (const r of routes) {
			try {
				const row = await loadRoute(server.url + r.path, r.cookie);
				// After the load: warm, and with the server's queue drained.
				const single = await alone(server.url + r.path, r.cookie);
				rows.push({ ...r, ...row, single });
				console.log(
					`  ${r.label}: ${num(row.rps)} req/s, p99 ${row.p99} ms; ` +
						`one at a time: median ${num(single.median, 1)} ms, slowest ${num(single.max, 1)} ms`
				);
			} catch (e) {
				console.log(`  ${r.label}: ${/** @type {Error} */ (e).message}`);
				rows.push({ ...r, error: /** @type {Error} */ (e).message });
			}
		}
		return { dialect, g, rows };
	} finally {
		await server.stop();
	}
}

/** @param {Awaited<ReturnType<typeof benchDialect>>} r */
function report(r) {
	const lines = [
		`### ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — ${os.cpus().length} cores, one ` +
			`server process, ${CONNECTIONS} connections, ${SECONDS} s per route after ` +
			`${WARMUP_SECONDS} s warm-up, every request rendered (PAGE_CACHE_MB=0)`,
		'',
		`Data: ${num(r.g.counts.meeting_participants)} participants on one meeting, a hall of ` +
			`30 rows × 20 seats under a rostrum of 15 · 11 · 9; ${num(r.g.seated)} seated. ` +
			`arrangePlan (service, 500 people, written): median ${num(r.g.arrangeMs, 1)} ms; ` +
			`the plan page's read model (loadPlanPage, not rendered): median ${num(r.g.pageModelMs, 1)} ms.`,
		'',
		'| route | req/s | p50 ms | p99 ms | one at a time: median ms | first request | target (p99 < 100 ms) |',
		'|---|---:|---:|---:|---:|---:|---|'
	];
	for (const row of r.rows) {
		if ('error' in row) {
			lines.push(`| ${row.label} (\`${row.path}\`) | – | – | – | – | ${row.error} | **failed** |`);
			continue;
		}
		const target = /^signed-in/.test(row.label) ? '(reference)' : pageVerdict(row);
		lines.push(
			`| ${row.label} (\`${row.path}\`) | ${num(row.rps)} | ${row.p50} | ${row.p99} | ` +
				`${num(row.single.median, 1)} | ` +
				`${num(row.first.ms)} ms, ${num(row.first.bytes)} bytes | ${target} |`
		);
	}
	return lines.join('\n');
}

if (needsBuild()) build();
const results = await withAppModule('/tests/bench/seating-generate.ts', async (app) => {
	const out = [];
	for (const dialect of dialectsAsked()) out.push(await benchDialect(app, dialect));
	return out;
});
console.log(`\n## Seating benchmark (${new Date().toISOString().slice(0, 10)})\n`);
console.log(results.map(report).join('\n\n'));
