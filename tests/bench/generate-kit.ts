// What the bench generators share (tests/bench/*-generate.ts): a seeded PRNG, first-run setup
// through the server, bulk inserts sized for each dialect, the office's departments and people,
// and the id sequences put right after explicit ids. Loaded through scripts/vite-load.js.
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { connect, dialectOfDb, type DB } from '$lib/server/db/connect';
import type { Database } from '$lib/server/db/schema';

export const BENCH_PASSWORD = 'Bench-2026-pw';
export const ADMIN_USERNAME = 'benchadmin';
export const DAY = 86_400_000;

export type Table = keyof Database;
export type Row<T extends Table> = Insertable<Database[T]>;

/** A deterministic PRNG (mulberry32): the same data on every run. */
export function prng(seed: number) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
	const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
	return { next, int, pick };
}
export type Prng = ReturnType<typeof prng>;

export const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** 10:00 + `minutes` in Shanghai on the day of `t`, as an instant. */
export const at = (t: number, minutes = 0) =>
	new Date(Math.floor(t / DAY) * DAY + (2 * 60 + minutes) * 60_000).toISOString();

/** First-run setup through the server, as an office would do it. */
export async function setupOffice(url: string): Promise<void> {
	const res = await fetch(url + '/setup', {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			officeName: '基准测试局',
			timeZone: 'Asia/Shanghai',
			name: '系统管理员',
			username: ADMIN_USERNAME,
			password: BENCH_PASSWORD,
			confirm: BENCH_PASSWORD
		})
	});
	if (res.status !== 303) throw new Error(`setup answered HTTP ${res.status}`);
}

/** Inserts in chunks under each dialect's bound-parameter limit. */
export async function insertRows<T extends Table>(db: DB, table: T, rows: Row<T>[]): Promise<void> {
	if (!rows.length) return;
	const budget = dialectOfDb(db) === 'postgres' ? 60_000 : 32_000;
	const per = Math.min(5_000, Math.floor(budget / Object.keys(rows[0]).length));
	for (let i = 0; i < rows.length; i += per) {
		await db
			.insertInto(table)
			.values(rows.slice(i, i + per) as never)
			.execute();
	}
}

export async function maxId(
	db: DB,
	table: 'departments' | 'users' | 'rooms' | 'meetings'
): Promise<number> {
	const r = await db
		.selectFrom(table)
		.select((eb) => eb.fn.max<number | null>('id').as('n'))
		.executeTakeFirst();
	return Number(r?.n ?? 0);
}

/**
 * The set-up database and the administrator's password hash (every generated person signs in
 * with BENCH_PASSWORD). Without a server (`url` empty: a test database) an administrator row
 * stands in for first-run setup.
 */
export async function openBenchDb(o: {
	url: string;
	databaseUrl?: string;
	sqlitePath: string;
}): Promise<{ db: DB; passwordHash: string }> {
	if (o.url) await setupOffice(o.url);
	const db = connect({ databaseUrl: o.databaseUrl, sqlitePath: o.sqlitePath });
	if (!o.url) {
		const t = new Date().toISOString();
		await db
			.insertInto('users')
			.values({
				username: ADMIN_USERNAME,
				name: '系统管理员',
				password_hash: 'x',
				department_id: null,
				created_at: t,
				updated_at: t
			})
			.execute();
	}
	const admin = await db
		.selectFrom('users')
		.select('password_hash')
		.where('username', '=', ADMIN_USERNAME)
		.executeTakeFirstOrThrow();
	return { db, passwordHash: admin.password_hash };
}

/** People rows with everything a signed-in person needs; the caller adds roles. */
export function personRow(
	o: { id: number; username: string; name: string; departmentId: number | null },
	passwordHash: string,
	now: string,
	extra: Partial<Row<'users'>> = {}
): Row<'users'> {
	return {
		id: o.id,
		username: o.username,
		name: o.name,
		password_hash: passwordHash,
		department_id: o.departmentId,
		title: '',
		precedence: 1,
		phone: '',
		email: `${o.username}@bench.example`,
		is_password_change_required: false,
		password_changed_at: now,
		created_at: now,
		updated_at: now,
		...extra
	};
}

/** After inserts with explicit ids: PostgreSQL's sequences continue after them; SQLite checkpoints. */
export async function settle(db: DB, tables: readonly Table[]): Promise<void> {
	if (dialectOfDb(db) === 'postgres') {
		for (const t of tables) {
			await sql
				.raw(
					`SELECT setval(pg_get_serial_sequence('${t}', 'id'), (SELECT COALESCE(max(id), 1) FROM ${t}))`
				)
				.execute(db);
		}
		await sql.raw('ANALYZE').execute(db);
	} else {
		await sql.raw('ANALYZE').execute(db);
		await sql.raw('PRAGMA wal_checkpoint(TRUNCATE)').execute(db);
	}
}

export async function countRows(db: DB, tables: readonly Table[]): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const t of tables) {
		const r = await db
			.selectFrom(t)
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		counts[t] = Number(r.n);
	}
	return counts;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times `run` `runs` times after one untimed run (connection, settings, first use). */
export async function timeRuns<T>(
	run: () => Promise<T>,
	runs = 7
): Promise<{ medianMs: number; maxMs: number; last: T }> {
	let last = await run();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t = performance.now();
		last = await run();
		times.push(performance.now() - t);
	}
	return { medianMs: median(times), maxMs: Math.max(...times), last };
}
