import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { connectPostgres, connectSqlite } from './db/connect';
import { insertOutboxRow } from './mail/outbox.repository';
import { checkReadiness, outboxLimit, setDraining } from './readiness';
import { describeEachDialect } from './testing/each-dialect';

const NOW = new Date('2026-03-02T08:00:00.000Z');

function mail(i: number, at: string, status: 'pending' | 'failed' = 'pending') {
	return {
		toAddress: `p${i}@example.gov.cn`,
		toName: `参会人${i}`,
		subject: '会议通知',
		text: '请准时参加',
		html: '<p>请准时参加</p>',
		ics: null,
		icsMethod: null,
		meetingId: null,
		status,
		nextAttemptAt: at,
		createdAt: at
	};
}

afterEach(() => setDraining(false));

describeEachDialect('readiness (/readyz)', ({ db }) => {
	it('is ready on a migrated database with an empty outbox', async () => {
		const r = await checkReadiness(db(), { now: NOW, limit: 5 });
		expect(r).toMatchObject({
			status: 'ready',
			failed: [],
			database: true,
			pendingMigrations: [],
			outbox: { backlog: 0, limit: 5 },
			draining: false
		});
	});

	it('is not ready while a bundled migration has not been applied', async () => {
		const last = await sql<{
			name: string;
		}>`select max(name) as name from kysely_migration`.execute(db());
		const name = last.rows[0].name;
		await sql`delete from kysely_migration where name = ${name}`.execute(db());
		const r = await checkReadiness(db(), { now: NOW, limit: 5 });
		expect(r.status).toBe('not-ready');
		expect(r.pendingMigrations).toEqual([name]);
		expect(r.failed.join()).toContain('migrations: 1 pending');
	});

	it('is not ready once the due mail backlog reaches the limit; later and failed mail do not count', async () => {
		for (let i = 0; i < 4; i++) await insertOutboxRow(db(), mail(i, '2026-03-02T07:00:00.000Z'));
		await insertOutboxRow(db(), mail(10, '2026-03-02T09:00:00.000Z'));
		await insertOutboxRow(db(), mail(11, '2026-03-02T07:00:00.000Z', 'failed'));
		expect(await checkReadiness(db(), { now: NOW, limit: 5 })).toMatchObject({
			status: 'ready',
			outbox: { backlog: 4, limit: 5 }
		});
		await insertOutboxRow(db(), mail(4, '2026-03-02T07:30:00.000Z'));
		const r = await checkReadiness(db(), { now: NOW, limit: 5 });
		expect(r).toMatchObject({ status: 'not-ready', outbox: { backlog: 5, limit: 5 } });
		expect(r.failed).toEqual(['outbox: 5 due mails, limit 5']);
	});

	it('is not ready while the process drains for a restart', async () => {
		setDraining(true);
		const r = await checkReadiness(db(), { now: NOW, limit: 5 });
		expect(r.status).toBe('not-ready');
		expect(r.draining).toBe(true);
		expect(r.failed).toEqual(['draining: the process is shutting down']);
	});
});

describe('readiness without a database', () => {
	it('reports the database unreachable (PostgreSQL on a closed port)', async () => {
		const gone = connectPostgres('postgres://postgres@127.0.0.1:9/none', 1);
		try {
			const r = await checkReadiness(gone, { now: NOW, limit: 5 });
			expect(r).toMatchObject({
				status: 'not-ready',
				database: false,
				pendingMigrations: null,
				outbox: { backlog: null }
			});
			expect(r.failed).toEqual(['database: not reachable']);
		} finally {
			await gone.destroy();
		}
	});

	it('reports an unmigrated database as not ready (every migration pending)', async () => {
		const empty = connectSqlite(':memory:');
		try {
			await sql`create table kysely_migration (name text primary key, timestamp text)`.execute(
				empty
			);
			const r = await checkReadiness(empty, { now: NOW, limit: 5 });
			expect(r.status).toBe('not-ready');
			expect(r.pendingMigrations!.length).toBeGreaterThan(10);
			expect(r.pendingMigrations![0]).toMatch(/^0001_/);
		} finally {
			await empty.destroy();
		}
	});

	it('reads READY_OUTBOX_LIMIT, 5000 when unset or not a positive whole number', () => {
		expect(outboxLimit({})).toBe(5000);
		expect(outboxLimit({ READY_OUTBOX_LIMIT: '200' })).toBe(200);
		expect(outboxLimit({ READY_OUTBOX_LIMIT: '-1' })).toBe(5000);
		expect(outboxLimit({ READY_OUTBOX_LIMIT: 'many' })).toBe(5000);
	});
});
