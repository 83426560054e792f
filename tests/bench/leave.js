// `npm run bench` (fourth part): leave at scale (issue 11) — 1,000 people in 40 departments and
// five years of leave (≈20,000 requests with their approval steps), on SQLite and PostgreSQL. A
// measurement, not a test: it prints the numbers and exits 0 even when a target is missed.
// Measured: the approval inbox of a 分管领导 and a department's leave calendar for this month (p99
// at 20 connections on one server process, every request rendered: PAGE_CACHE_MB=0), and the
// yearly statistics (server time of the query for every person).
// Usage: node tests/bench/leave.js [sqlite|postgres]...   BENCH_SECONDS=8 (per route)
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

/** @typedef {import('./leave-generate').GeneratedLeave} Generated */

const STATS_MS = 200;

/**
 * @param {any} app
 * @param {'sqlite' | 'postgres'} dialect
 */
async function benchDialect(app, dialect) {
	console.log(`\n[bench] ${dialect}: starting the server and generating five years of leave…`);
	const server = await startServer(dialect, { HUIBAN_SCHEDULER: 'off', PAGE_CACHE_MB: '0' });
	try {
		const where = {
			databaseUrl: databaseUrlOf(server),
			sqlitePath: path.join(server.dataDir, 'huiban.sqlite')
		};
		/** @type {Generated} */
		const g = await app.generateLeave({ url: server.url, ...where });
		const c = g.counts;
		console.log(
			`  generated in ${g.seconds.toFixed(1)} s: ${num(c.users)} people, ` +
				`${num(c.leave_requests)} requests, ${num(c.approval_steps)} approval steps, ` +
				`${num(g.pending.all)} waiting`
		);
		const leader = await signIn(server.url, g.leader);
		const head = await signIn(server.url, g.head);
		const routes = [
			{ label: 'signed-in floor', path: '/account/password', cookie: leader },
			{
				label: `approval inbox of a 分管领导 (${g.pending.leader} waiting)`,
				path: '/leave/approvals',
				cookie: leader
			},
			{
				label: `approval inbox of a department head (${g.pending.head} waiting)`,
				path: '/leave/approvals',
				cookie: head
			},
			{
				label: `department leave calendar, ${g.month}`,
				path: `/leave/calendar?department=${g.head.departmentId}&month=${g.month}`,
				cookie: head
			}
		];
		const rows = [];
		for (const r of routes) {
			const row = await loadRoute(server.url + r.path, r.cookie);
			rows.push({ ...r, ...row });
			console.log(`  ${r.label}: ${num(row.rps)} req/s, p99 ${row.p99} ms`);
		}
		const stats = await app.timeLeaveStats(where, g.office, g.year);
		console.log(
			`  statistics ${g.year}: ${'error' in stats ? stats.error : `median ${num(stats.medianMs, 1)} ms`}`
		);
		return { dialect, g, rows, stats };
	} finally {
		await server.stop();
	}
}

/** @param {Awaited<ReturnType<typeof benchDialect>>} r */
function report(r) {
	const c = r.g.counts;
	const lines = [
		`### ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — ${os.cpus().length} cores, one ` +
			`server process, ${CONNECTIONS} connections, ${SECONDS} s per route after ` +
			`${WARMUP_SECONDS} s warm-up, every request rendered (PAGE_CACHE_MB=0)`,
		'',
		`Data: ${num(c.users)} people in ${num(c.departments)} departments, ` +
			`${num(c.leave_requests)} leave requests over five years with ${num(c.approval_steps)} ` +
			`approval steps (${num(r.g.pending.all)} waiting); generated in ${r.g.seconds.toFixed(1)} s.`,
		'',
		'| route | req/s | p50 ms | p99 ms | first request | target (p99 < 100 ms) |',
		'|---|---:|---:|---:|---:|---|'
	];
	for (const row of r.rows) {
		const target = /^signed-in/.test(row.label) ? '(reference)' : pageVerdict(row);
		lines.push(
			`| ${row.label} (\`${row.path}\`) | ${num(row.rps)} | ${row.p50} | ${row.p99} | ` +
				`${num(row.first.ms)} ms, ${num(row.first.bytes)} bytes | ${target} |`
		);
	}
	const s = r.stats;
	lines.push(
		'',
		'error' in s
			? `Yearly statistics: ${s.error}.`
			: `Yearly statistics (${r.g.year}, ${num(s.people)} people): median ${num(s.medianMs, 1)} ms, ` +
					`worst ${num(s.maxMs, 1)} ms of 7 — target < ${STATS_MS} ms ` +
					`${s.maxMs < STATS_MS ? 'met' : '**missed**'}.`
	);
	return lines.join('\n');
}

if (needsBuild()) build();
const results = await withAppModule('/tests/bench/leave-generate.ts', async (app) => {
	const out = [];
	for (const dialect of dialectsAsked()) out.push(await benchDialect(app, dialect));
	return out;
});
console.log(`\n## Leave benchmark (${new Date().toISOString().slice(0, 10)})\n`);
console.log(results.map(report).join('\n\n'));
