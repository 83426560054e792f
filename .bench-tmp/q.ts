import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type { Database } from '$lib/server/db/schema';
import { SqliteBooleanPlugin, wrapSqliteDatabase } from '$lib/server/db/sqlite-values';
import '$lib/server/db/connect';
import { findCalendarMeetings } from '$lib/server/meetings/calendar.repository';
import { findMeetings, findPendingReplies } from '$lib/server/meetings/meetings-list.repository';
import { listParticipants } from '$lib/server/meetings/participants.repository';
import { findColleagues } from '$lib/server/meetings/colleagues';
import { findMeetingById } from '$lib/server/meetings/meetings.repository';

export async function run(info: any, explain: boolean) {
	const log: { sql: string; params: readonly unknown[]; ms: number }[] = [];
	const logger = (e: any) => {
		if (e.level === 'query') log.push({ sql: e.query.sql, params: e.query.parameters, ms: e.queryDurationMillis });
	};
	const isPg = !!info.databaseUrl;
	const raw = isPg ? null : new SQLite(info.sqlitePath, { readonly: true });
	const db = isPg
		? new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: info.databaseUrl, max: 2 }) }), log: logger })
		: new Kysely<Database>({ dialect: new SqliteDialect({ database: wrapSqliteDatabase(raw!) }), plugins: [new SqliteBooleanPlugin()], log: logger });
	const uid = info.office.benchUser.id;
	const now = new Date().toISOString();
	const cases: [string, () => Promise<unknown>][] = [
		['calendar month', () => findCalendarMeetings(db as any, { from: '2026-03-29T16:00:00.000Z', to: '2026-05-10T16:00:00.000Z', viewerId: uid, userId: uid, includeDrafts: { createdBy: uid } })],
		['feed window', () => findCalendarMeetings(db as any, { from: new Date(Date.now() - 90 * 864e5).toISOString(), to: new Date(Date.now() + 365 * 864e5).toISOString(), userId: uid, includeDrafts: false })],
		['home findMeetings', () => findMeetings(db as any, { userId: uid, includeDrafts: false, status: 'issued', from: now, page: 1, pageSize: 50 })],
		['pending replies', () => findPendingReplies(db as any, uid, now)],
		['list all type+2025', () => findMeetings(db as any, { includeDrafts: false, typeId: info.office.listTypeId, from: '2024-12-31T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z', page: 1, pageSize: 20 })],
		['detail meeting', () => findMeetingById(db as any, info.office.detail.id)],
		['detail participants', () => listParticipants(db as any, info.office.detail.id)],
		['detail colleagues', () => findColleagues(db as any, uid)],
	];
	for (const [name, fn] of cases) {
		await fn();
		log.length = 0;
		const t = performance.now();
		const c0 = process.cpuUsage();
		for (let i = 0; i < 5; i++) await fn();
		const total = (performance.now() - t) / 5;
		const cu = process.cpuUsage(c0);
		const cpu = (cu.user + cu.system) / 5000;
		const qs = log.slice(0, log.length / 5);
		console.log(`\n== ${name}: cpu ${cpu.toFixed(1)} ms, wall ${total.toFixed(1)} ms per call; queries: ${qs.map((q) => q.ms.toFixed(1)).join(', ')}`);
		if (explain) {
			for (const q of qs) {
				console.log(q.sql.slice(0, 3000), JSON.stringify(q.params).slice(0, 200));
				const plan = isPg
					? (await sql.raw(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql.replace(/\$(\d+)/g, (_m, n) => literal(q.params[Number(n) - 1]))}`).execute(db)).rows.map((r: any) => r['QUERY PLAN'])
					: raw!.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v))).map((r: any) => `${r.id}/${r.parent} ${r.detail}`);
				console.log(plan.join('\n'));
			}
		}
	}
	await db.destroy();
}
function literal(v: unknown) {
	if (v === null) return 'NULL';
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	return `'${String(v).replace(/'/g, "''")}'`;
}
