import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DB } from '../db';
import { connectPostgres, connectSqlite, type DialectName } from '../db/connect';
import { testPostgresUrl, urlForDatabase } from '../testing/databases';
import { log as logger } from '../log';
import { describeEachDialect } from '../testing/each-dialect';
import {
	claimOnce,
	registerTick,
	runTicks,
	schedulerIntervalMs,
	startScheduler,
	stopScheduler
} from './scheduler';

/** Another connection pool on the same database, as a second app process would have. */
async function secondProcess(db: DB, dialect: DialectName): Promise<DB> {
	if (dialect === 'postgres') {
		const r = await sql<{ name: string }>`select current_database() as name`.execute(db);
		return connectPostgres(urlForDatabase(testPostgresUrl()!, r.rows[0].name), 4);
	}
	const r = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
	return connectSqlite(r.rows.find((d) => d.name === 'main')!.file);
}

describeEachDialect('claimOnce', ({ db, dialect }) => {
	it('is true for the first claim of a key and false ever after', async () => {
		expect(await claimOnce(db(), 'reminder:meeting:7:v0')).toBe(true);
		expect(await claimOnce(db(), 'reminder:meeting:7:v0')).toBe(false);
		expect(await claimOnce(db(), 'reminder:meeting:7:v1')).toBe(true);
		const marks = await db().selectFrom('job_marks').select('key').orderBy('key').execute();
		expect(marks.map((r) => r.key)).toEqual(['reminder:meeting:7:v0', 'reminder:meeting:7:v1']);
	});

	it('lets exactly one of several racing claims win', async () => {
		for (let k = 0; k < 10; k++) {
			const results = await Promise.all(
				Array.from({ length: 4 }, () => claimOnce(db(), `race:${k}`))
			);
			expect(results.filter(Boolean)).toHaveLength(1);
		}
	});

	it('lets exactly one of two processes win, each on its own connection', async () => {
		const other = await secondProcess(db(), dialect);
		try {
			for (let k = 0; k < 10; k++) {
				const results = await Promise.all([
					claimOnce(db(), `urge:${k}`),
					claimOnce(other, `urge:${k}`),
					claimOnce(other, `urge:${k}`),
					claimOnce(db(), `urge:${k}`)
				]);
				expect(results.filter(Boolean)).toHaveLength(1);
			}
			expect(await claimOnce(other, 'urge:0')).toBe(false);
		} finally {
			await other.destroy();
		}
	});
});

// The jobs themselves get the database they are given; these tests never touch it.
const noDb = {} as DB;

describe('scheduler', () => {
	const removals: (() => void)[] = [];
	// The app's own jobs run too and fail on the fake database; that is logged, and not the point.
	beforeEach(() => void vi.spyOn(logger, 'error').mockImplementation(() => undefined));
	afterEach(() => {
		stopScheduler();
		removals.splice(0).forEach((remove) => remove());
		vi.restoreAllMocks();
	});

	it('runs every job; one that fails is logged and the others still run', async () => {
		const log = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
		const ran: string[] = [];
		removals.push(
			registerTick('test.first', async () => void ran.push('first')),
			registerTick('test.boom', async () => {
				throw new Error('database unavailable');
			}),
			registerTick('test.last', async () => void ran.push('last'))
		);
		await runTicks(noDb);
		await runTicks(noDb);
		expect(ran).toEqual(['first', 'last', 'first', 'last']);
		expect(log).toHaveBeenCalledWith(
			expect.objectContaining({
				tick: 'test.boom',
				err: expect.objectContaining({ message: 'database unavailable' })
			}),
			'scheduler job failed'
		);
	});

	it('does not start a job again while its previous run is still going', async () => {
		let finish = () => {};
		let calls = 0;
		removals.push(
			registerTick('test.slow', () => {
				calls++;
				return new Promise<void>((ok) => (finish = ok));
			})
		);
		const first = runTicks(noDb);
		await runTicks(noDb);
		expect(calls).toBe(1);
		finish();
		await first;
		const third = runTicks(noDb);
		expect(calls).toBe(2);
		finish();
		await third;
	});

	it('ticks every interval until stopped', async () => {
		let calls = 0;
		removals.push(registerTick('test.count', async () => void calls++));
		startScheduler(noDb, { intervalMs: 20 });
		await new Promise((ok) => setTimeout(ok, 110));
		stopScheduler();
		const seen = calls;
		expect(seen).toBeGreaterThanOrEqual(2);
		await new Promise((ok) => setTimeout(ok, 60));
		expect(calls).toBe(seen);
	});

	it('reads the interval from SCHEDULER_INTERVAL_MS, defaulting to a minute', () => {
		expect(schedulerIntervalMs({})).toBe(60_000);
		expect(schedulerIntervalMs({ SCHEDULER_INTERVAL_MS: '5000' })).toBe(5000);
		expect(schedulerIntervalMs({ SCHEDULER_INTERVAL_MS: 'soon' })).toBe(60_000);
		expect(schedulerIntervalMs({ SCHEDULER_INTERVAL_MS: '10' })).toBe(60_000);
	});
});
