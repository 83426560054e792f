// `npm run bench`: the meetings pages under load on a large office (1,000 people, ≈25,000
// meetings, ≈500,000 participant rows), on SQLite and PostgreSQL. A measurement, not a test:
// it prints a table per database and exits 0 even when a target is missed.
// Usage: node tests/bench/meetings.js [sqlite|postgres]...   BENCH_SECONDS=8 (per route);
// WEB_CONCURRENCY=2 runs the server as two processes (scripts/serve.js).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../../scripts/launch.js';
import { build, needsBuild } from '../../scripts/start.js';
import { withAppModule } from '../../scripts/vite-load.js';
import {
	CONNECTIONS,
	SECONDS,
	WARMUP_SECONDS,
	autocannon,
	databaseUrlOf,
	num,
	signIn
} from './kit.js';

/**
 * @typedef {{ average: number, p50: number, p99: number }} Histogram
 * @typedef {{ requests: Histogram, latency: Histogram, non2xx: number, errors: number,
 *   timeouts: number, duration: number }} LoadResult
 * @typedef {{ url: string, connections: number, duration: number,
 *   headers?: Record<string, string> }} LoadOptions
 * @typedef {{ label: string, path: string, note: string, reference?: boolean }} Route
 * @typedef {{ route: Route, rps: number, p50: number, p99: number, ratio: number,
 *   failures: number, rssKb: number, met: boolean, why: string }} Row
 * @typedef {import('./generate').GeneratedOffice} GeneratedOffice
 * @typedef {typeof import('./generate')} App
 */

// Passed on to the server (scripts/serve.js): worker processes sharing the port.
const WORKERS = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY) || 1));
const P99_TARGET_MS = 100;
const RATIO_TARGET = 0.25;
const NOTICE_PEOPLE = 500;
const NOTICE_RUNS = 3;

const asked = process.argv.slice(2).filter((a) => a === 'sqlite' || a === 'postgres');
/** @type {('sqlite' | 'postgres')[]} */
const dialects = asked.length ? asked : ['sqlite', 'postgres'];

/** @param {number} kb */
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
/** @param {number} x @param {number} [digits] */

/** The process and its children (the workers when WEB_CONCURRENCY > 1). */
function processTree(/** @type {number} */ pid) {
	/** @type {number[]} */
	const out = [pid];
	try {
		const kids = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
		for (const k of kids ? kids.split(/\s+/) : []) out.push(...processTree(Number(k)));
	} catch {
		// Gone, or no children file: the process alone.
	}
	return out;
}

/**
 * Peak resident memory of a server (summed over its worker processes), sampled from /proc
 * every 200 ms while it runs.
 */
function memorySampler(/** @type {number} */ pid) {
	const read = () => {
		let rss = 0;
		let hwm = 0;
		for (const p of processTree(pid)) {
			try {
				const s = fs.readFileSync(`/proc/${p}/status`, 'utf8');
				const kb = (/** @type {string} */ key) =>
					Number(new RegExp(`${key}:\\s+(\\d+)`).exec(s)?.[1]) || 0;
				rss += kb('VmRSS');
				hwm += kb('VmHWM');
			} catch {
				// The process ended between listing and reading.
			}
		}
		return { rss, hwm };
	};
	let peakRss = read().rss;
	let sinceMark = peakRss;
	const timer = setInterval(() => {
		const { rss } = read();
		peakRss = Math.max(peakRss, rss);
		sinceMark = Math.max(sinceMark, rss);
	}, 200);
	return {
		/** The peak since the previous mark (or the start). */
		mark() {
			const peak = Math.max(sinceMark, read().rss);
			sinceMark = 0;
			return peak;
		},
		stop() {
			clearInterval(timer);
			const last = read();
			return { peakRss: Math.max(peakRss, last.rss), hwm: last.hwm };
		}
	};
}

/** The six-week grid FullCalendar asks for when it shows `month` (YYYY-MM), office time. */
function monthGrid(/** @type {string} */ month) {
	const [y, m] = month.split('-').map(Number);
	const first = new Date(Date.UTC(y, m - 1, 1));
	const start = new Date(first.getTime() - ((first.getUTCDay() + 6) % 7) * 86_400_000);
	const end = new Date(start.getTime() + 42 * 86_400_000);
	const at = (/** @type {Date} */ d) => `${d.toISOString().slice(0, 10)}T00:00:00+08:00`;
	return { start: at(start), end: at(end) };
}

/** @param {GeneratedOffice} office @returns {Route[]} */
function routesFor(office) {
	const grid = monthGrid(office.busyMonth.month);
	const events = new URLSearchParams({ scope: 'mine', ...grid });
	const list = new URLSearchParams({
		scope: 'all',
		type: String(office.listTypeId),
		from: '2025-01-01',
		to: '2025-12-31'
	});
	return [
		{ label: 'baseline /healthz', path: '/healthz', note: 'no database, no session' },
		{
			// What any signed-in page costs before it does its own work: the floor under the pages.
			label: 'signed-in floor',
			path: '/account/password',
			note: 'a form page: session, layout, render',
			reference: true
		},
		{
			label: 'calendar month (JSON)',
			path: `/meetings/calendar/events?${events}`,
			note: `${office.busyMonth.month}, scope=mine`
		},
		{
			label: 'meeting detail',
			path: `/meetings/${office.detail.id}`,
			note: `${office.detail.participants} participants, hosted by the user`
		},
		{ label: 'personal feed (.ics)', path: `/calendar/${office.token}.ics`, note: '' },
		{ label: 'meetings list, filtered', path: `/meetings?${list}`, note: 'scope=all, type, 2025' },
		{ label: 'home', path: '/', note: '' }
	];
}

/** One GET before the load: the route must answer 200 with real content, not a redirect. */
async function probe(/** @type {string} */ url, /** @type {string} */ cookie) {
	const res = await fetch(url, { headers: { cookie }, redirect: 'manual' });
	const body = await res.text();
	if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
	const events = (body.match(/BEGIN:VEVENT/g) ?? []).length;
	if (body.startsWith('[')) return `${JSON.parse(body).length} events, ${num(body.length)} bytes`;
	return events ? `${events} events, ${num(body.length)} bytes` : `${num(body.length)} bytes`;
}

/**
 * @param {{ url: string, pid: number }} server
 * @param {Route[]} routes
 * @param {string} cookie
 */
async function load(server, routes, cookie) {
	/** @type {Row[]} */
	const rows = [];
	const memory = memorySampler(server.pid);
	let baseline = 0;
	for (const route of routes) {
		const opts = { url: server.url + route.path, connections: CONNECTIONS, headers: { cookie } };
		await autocannon({ ...opts, duration: WARMUP_SECONDS });
		const r = await autocannon({ ...opts, duration: SECONDS });
		const rps = r.requests.average;
		if (!baseline) baseline = rps;
		const failures = r.non2xx + r.errors + r.timeouts;
		const ratio = rps / baseline;
		const slow = r.latency.p99 >= P99_TARGET_MS;
		const low = ratio < RATIO_TARGET;
		const why = [
			slow && `p99 ≥ ${P99_TARGET_MS} ms`,
			low && `< ${RATIO_TARGET * 100}% of baseline`,
			failures && `${failures} failed requests`
		]
			.filter(Boolean)
			.join(', ');
		rows.push({
			route,
			rps,
			p50: r.latency.p50,
			p99: r.latency.p99,
			ratio,
			failures,
			rssKb: memory.mark(),
			met: !why,
			why
		});
		console.log(`  ${route.label}: ${num(rps)} req/s, p99 ${r.latency.p99} ms`);
	}
	return { rows, memory: memory.stop() };
}

/**
 * Times issueNotice for a meeting of 500 people, as the office would send it (one transaction:
 * 500 notifications and 500 e-mails with invites queued).
 * @param {App} app
 * @param {GeneratedOffice} office
 * @param {{ databaseUrl?: string, sqlitePath: string }} where
 */
async function timeNotices(app, office, where) {
	const db = app.connect(where);
	/** @type {import('../../src/lib/server/actor').Actor} */
	const actor = { id: office.admin.id, name: office.admin.name, roles: ['admin'], ip: '127.0.0.1' };
	/** @type {number[]} */
	const times = [];
	let lastId = 0;
	try {
		for (let i = 0; i < NOTICE_RUNS; i++) {
			const id = await app.createMeeting(db, actor, {
				title: `全局干部大会（基准测试 ${i + 1}）`,
				typeId: String(office.listTypeId),
				date: `2027-01-${String(11 + i).padStart(2, '0')}`,
				startTime: '09:00',
				endTime: '11:00',
				roomId: String(office.hallId),
				classification: 'none',
				agendaTitle: ['传达上级会议精神', '部署年度重点工作'],
				agendaPresenter: ['办公室', '局长'],
				agendaMinutes: ['30', '60'],
				requirements: '请提前十五分钟入场',
				contactName: '办公室',
				contactPhone: '0571-88880000',
				attendeeIds: office.noticePeople.slice(0, NOTICE_PEOPLE).map(String)
			});
			const t = performance.now();
			await app.issueNotice(db, actor, id);
			times.push(performance.now() - t);
			lastId = id;
		}
		const count = async (/** @type {'outbox' | 'notifications'} */ table) => {
			const q = db.selectFrom(table).select((eb) => eb.fn.countAll().as('n'));
			const r = await (
				table === 'outbox'
					? q.where('meeting_id', '=', lastId)
					: q.where('link', '=', `/meetings/${lastId}`)
			).executeTakeFirstOrThrow();
			return Number(r.n);
		};
		return { times, mails: await count('outbox'), notifications: await count('notifications') };
	} finally {
		await db.destroy();
	}
}

/**
 * @param {App} app
 * @param {'sqlite' | 'postgres'} dialect
 */
async function benchDialect(app, dialect) {
	console.log(`\n[bench] ${dialect}: starting the server and generating the office…`);
	const server = await startServer(dialect, { HUIBAN_SCHEDULER: 'off' });
	try {
		const where = {
			databaseUrl: databaseUrlOf(server),
			sqlitePath: path.join(server.dataDir, 'huiban.sqlite')
		};
		const office = await app.generateOffice({ url: server.url, ...where });
		const c = office.counts;
		console.log(
			`  generated in ${office.seconds.toFixed(1)} s: ${num(c.users)} users, ` +
				`${num(c.meetings)} meetings, ${num(c.meeting_participants)} participants, ` +
				`${num(c.meeting_agenda_items)} agenda items; the bench user is on ` +
				`${num(office.benchUser.meetings)} meetings`
		);
		const cookie = await signIn(server.url, office.benchUser);
		const routes = routesFor(office);
		/** @type {Record<string, string>} */
		const probes = {};
		for (const r of routes) probes[r.label] = await probe(server.url + r.path, cookie);
		const loadBefore = os.loadavg()[0];
		const serverOf = () => ({ url: server.url, pid: /** @type {number} */ (server.pid) });
		const { rows, memory } = await load(serverOf(), routes, cookie);
		// The same data and session again with the page cache off: what each page costs to
		// render, i.e. the first view after any change.
		console.log('  again with PAGE_CACHE_MB=0 (every request rendered):');
		await server.restart({ PAGE_CACHE_MB: '0' });
		const uncached = await load(serverOf(), routes, cookie);
		const notice = await timeNotices(app, office, where);
		const machineLoad = [loadBefore, os.loadavg()[0]];
		return { dialect, office, rows, uncached, memory, notice, probes, machineLoad };
	} finally {
		await server.stop();
	}
}

/**
 * @param {Awaited<ReturnType<typeof benchDialect>>} r
 * @param {Row[]} rows
 */
function table(r, rows) {
	const lines = [
		'| route | req/s | p50 ms | p99 ms | × baseline | target met | peak RSS | response |',
		'|---|---:|---:|---:|---:|---|---:|---|'
	];
	for (const [i, row] of rows.entries()) {
		const target =
			i === 0
				? '(baseline)'
				: row.route.reference
					? `(reference${row.met ? '' : `: ${row.why}`})`
					: row.met
						? 'yes'
						: `**no**: ${row.why}`;
		const name = row.route.note ? `${row.route.label} (${row.route.note})` : row.route.label;
		lines.push(
			`| ${name} | ${num(row.rps)} | ${row.p50} | ${row.p99} | ${row.ratio.toFixed(2)} | ` +
				`${target} | ${mb(row.rssKb)} | ${r.probes[row.route.label]} |`
		);
	}
	return lines;
}

/** @param {Awaited<ReturnType<typeof benchDialect>>} r */
function report(r) {
	const c = r.office.counts;
	const lines = [
		`### ${r.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} — ${os.cpus().length} cores, ` +
			`${WORKERS} server process${WORKERS > 1 ? 'es' : ''}, ` +
			`${CONNECTIONS} connections, ${SECONDS} s per route after ${WARMUP_SECONDS} s warm-up`,
		'',
		`Data: ${num(c.users)} users, ${num(c.departments)} departments, ${num(c.rooms)} rooms, ` +
			`${num(c.meetings)} meetings, ${num(c.meeting_participants)} participant rows, ` +
			`${num(c.meeting_agenda_items)} agenda items; generated in ${r.office.seconds.toFixed(1)} s.`,
		`Bench user: ${r.office.benchUser.username} (leader), on ${num(r.office.benchUser.meetings)} ` +
			`meetings; busiest month ${r.office.busyMonth.month} (${r.office.busyMonth.meetings}).`,
		`Machine load (1-minute average, other processes included) before / after the load: ` +
			`${r.machineLoad.map((x) => x.toFixed(1)).join(' / ')}.`,
		'',
		'As served (page cache on, the default: repeated views of an unchanged page are reused):',
		'',
		...table(r, r.rows),
		'',
		'Every request rendered (PAGE_CACHE_MB=0: the cost of a first view, or of any view ' +
			'right after a change):',
		'',
		...table(r, r.uncached.rows)
	];
	const t = r.notice.times;
	const worst = Math.max(...t);
	lines.push(
		'',
		`Peak server memory: ${mb(r.memory.peakRss)} RSS sampled during the load ` +
			`(VmHWM ${mb(r.memory.hwm)}${WORKERS > 1 ? ', summed over the processes' : ''}).`,
		`Notice to ${NOTICE_PEOPLE} people (issueNotice, ${NOTICE_RUNS} runs): ` +
			`${t.map((x) => `${num(x)} ms`).join(', ')} — target < 1 s ` +
			`${worst < 1000 ? 'met' : '**missed**'}; the last run queued ${num(r.notice.mails)} ` +
			`e-mails with invites and ${num(r.notice.notifications)} notifications.`
	);
	const missed = r.rows.filter((row, i) => i > 0 && !row.route.reference && !row.met);
	lines.push(
		missed.length
			? `Missed (as served): ${missed.map((row) => `${row.route.label} (${row.why})`).join('; ')}.`
			: 'As served, every page met its targets.'
	);
	return lines.join('\n');
}

if (needsBuild()) build();
const results = await withAppModule('/tests/bench/generate.ts', async (/** @type {App} */ app) => {
	const out = [];
	for (const dialect of dialects) out.push(await benchDialect(app, dialect));
	return out;
});
console.log(`\n## Meetings benchmark (${new Date().toISOString().slice(0, 10)})\n`);
console.log(results.map(report).join('\n\n'));
