// `npm run bench` (third part): 督办 at scale (issue 10) — 20,000 items over five years in 30
// departments, each with 2–4 feedback entries and its timeline, on SQLite and PostgreSQL. A
// measurement, not a test: it prints the numbers and exits 0 even when a target is missed.
// Measured: the filtered list and the item page (p99 at 20 connections on one server process,
// first every request rendered: PAGE_CACHE_MB=0, then as served with the page cache on), the
// yearly 督办通报 (server time of the query), and one automatic urging tick over all open items.
// Usage: node tests/bench/supervision.js [sqlite|postgres]...   BENCH_SECONDS=8 (per route)
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
	signIn
} from './kit.js';

/**
 * @typedef {{ average: number, p50: number, p99: number }} Histogram
 * @typedef {{ requests: Histogram, latency: Histogram, non2xx: number, errors: number,
 *   timeouts: number }} LoadResult
 * @typedef {import('./supervision-generate').GeneratedSupervision} Generated
 */

const BULLETIN_MS = 200;
const URGING_MS = 1000;

/**
 * Each route: one timed probe, a warm-up, then the measured load.
 * @param {string} url
 * @param {{ label: string, path: string }[]} routes
 * @param {string} cookie
 */
async function loadRoutes(url, routes, cookie) {
	const rows = [];
	for (const r of routes) {
		const row = await loadRoute(url + r.path, cookie);
		rows.push({ ...r, ...row });
		console.log(`  ${r.label}: ${num(row.rps)} req/s, p99 ${row.p99} ms`);
	}
	return rows;
}

/**
 * @param {any} app
 * @param {'sqlite' | 'postgres'} dialect
 */
async function benchDialect(app, dialect) {
	console.log(`\n[bench] ${dialect}: starting the server and generating 20,000 items…`);
	const server = await startServer(dialect, { HUIBAN_SCHEDULER: 'off', PAGE_CACHE_MB: '0' });
	try {
		const where = {
			databaseUrl: databaseUrlOf(server),
			sqlitePath: path.join(server.dataDir, 'huiban.sqlite')
		};
		/** @type {Generated} */
		const g = await app.generateSupervision({ url: server.url, ...where });
		const c = g.counts;
		console.log(
			`  generated in ${g.seconds.toFixed(1)} s: ${num(c.supervision_items)} items ` +
				`(${num(g.openItems)} open), ${num(c.supervision_feedback)} feedback entries, ` +
				`${num(c.supervision_events)} events, ${num(c.supervision_item_departments)} co-departments`
		);
		const cookie = await signIn(server.url, g.supervisor);
		const routes = [
			{ label: 'signed-in floor', path: '/account/password' },
			{
				label: 'list, filtered',
				path: `/supervision?status=in_progress&department=${g.listDepartmentId}`
			},
			{ label: 'list, unfiltered', path: '/supervision' },
			{ label: 'item page', path: `/supervision/${g.itemId}` },
			{ label: 'bulletin page, 2025', path: '/supervision/bulletin?from=2025-01-01&to=2025-12-31' }
		];
		const loadBefore = os.loadavg()[0];
		const rows = await loadRoutes(server.url, routes, cookie);
		// The same data and session again as served (the page cache on, the default): a view
		// repeated before any write is reused from memory.
		console.log('  again as served (page cache on):');
		await server.restart({ PAGE_CACHE_MB: '64' });
		const served = await loadRoutes(server.url, routes, cookie);
		const bulletin = await app.timeBulletin(where, g.supervisor);
		console.log(`  bulletin 2025: median ${num(bulletin.medianMs, 1)} ms`);
		const urging = await app.timeUrging(where);
		console.log(`  urging tick: ${'error' in urging ? urging.error : `${num(urging.ms)} ms`}`);
		return { dialect, g, rows, served, bulletin, urging, load: [loadBefore, os.loadavg()[0]] };
	} finally {
		await server.stop();
	}
}

/** @param {Awaited<ReturnType<typeof loadRoutes>>} rows */
function table(rows) {
	const lines = [
		'| route | req/s | p50 ms | p99 ms | first request | target (p99 < 100 ms) |',
		'|---|---:|---:|---:|---:|---|'
	];
	for (const row of rows) {
		const target = /^(bulletin|signed-in)/.test(row.label) ? '(reference)' : pageVerdict(row);
		lines.push(
			`| ${row.label} (\`${row.path}\`) | ${num(row.rps)} | ${row.p50} | ${row.p99} | ` +
				`${num(row.first.ms)} ms, ${num(row.first.bytes)} bytes | ${target} |`
		);
	}
	return lines;
}

/** @param {Awaited<ReturnType<typeof benchDialect>>} r */
function report(r) {
	const c = r.g.counts;
	const lines = [
		`### ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — ${os.cpus().length} cores, one ` +
			`server process, ${CONNECTIONS} connections, ${SECONDS} s per route after ` +
			`${WARMUP_SECONDS} s warm-up`,
		'',
		`Data: ${num(c.supervision_items)} items (${num(r.g.openItems)} open) in ` +
			`${num(c.departments)} departments, ${num(c.users)} users, ${num(c.supervision_feedback)} ` +
			`feedback entries, ${num(c.supervision_events)} timeline events; generated in ` +
			`${r.g.seconds.toFixed(1)} s. Signed in as the 督办员 (sees every item).`,
		'',
		`Machine load (1-minute average, other processes included) before / after: ` +
			`${r.load.map((x) => x.toFixed(1)).join(' / ')}.`,
		'',
		'Every request rendered (PAGE_CACHE_MB=0: the cost of a first view, or of any view right ' +
			'after a change):',
		'',
		...table(r.rows),
		'',
		'As served (page cache on, the default: a view repeated before any write is reused):',
		'',
		...table(r.served)
	];
	const b = r.bulletin;
	lines.push(
		'',
		`Yearly 督办通报 (2025, ${b.departments} departments, ${num(b.registered)} items registered): ` +
			`getSupervisionBulletin median ${num(b.medianMs, 1)} ms, worst ${num(b.maxMs, 1)} ms of 7 — ` +
			`target < ${BULLETIN_MS} ms ${b.maxMs < BULLETIN_MS ? 'met' : '**missed**'}.`
	);
	const u = r.urging;
	lines.push(
		'error' in u
			? `Urging tick: ${u.error}.`
			: `Urging tick over all ${num(r.g.openItems)} open items (runSupervisionUrging): ` +
					`${num(u.ms)} ms, ${num(u.urged)} urged — target < ${URGING_MS} ms ` +
					`${u.ms < URGING_MS ? 'met' : '**missed**'}; the same tick again: ` +
					`${num(u.again.ms)} ms, ${num(u.again.urged)} urged (each urge is claimed once).`
	);
	return lines.join('\n');
}

if (needsBuild()) build();
const results = await withAppModule('/tests/bench/supervision-generate.ts', async (app) => {
	const out = [];
	for (const dialect of dialectsAsked()) out.push(await benchDialect(app, dialect));
	return out;
});
console.log(`\n## Supervision benchmark (${new Date().toISOString().slice(0, 10)})\n`);
console.log(results.map(report).join('\n\n'));
