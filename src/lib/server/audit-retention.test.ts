import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { insertAuditRows } from './audit.repository';
import {
	getRetentionMonths,
	monthsBefore,
	purgeExpiredAudit,
	setRetentionMonths
} from './audit-retention';
import { setClock } from './clock';
import { dialectOfDb, type DB } from './db/connect';
import { writeSettingGroup } from './settings/settings.service';
import { auditRows } from './testing/audit-rows';
import { describeEachDialect } from './testing/each-dialect';
import { newUser } from './testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from './testing/parallel';
import { refusal } from './testing/refusal';

// The database refuses to delete audit rows younger than six months by its own clock, so the
// test reads that clock and sets the app's clock to it; ages are counted back from there.
async function databaseNow(db: DB): Promise<string> {
	if (dialectOfDb(db) === 'postgres') {
		const r = await sql<{ now: string }>`select now() as now`.execute(db);
		return new Date(r.rows[0].now).toISOString();
	}
	const r = await sql<{ now: string }>`select strftime('%Y-%m-%dT%H:%M:%fZ', 'now') as now`.execute(
		db
	);
	return r.rows[0].now;
}

const AGES = [13, 7, 5, 1];

async function seed(db: DB) {
	const now = await databaseNow(db);
	setClock(now);
	await insertAuditRows(
		db,
		AGES.map((months) => ({
			at: monthsBefore(now, months),
			actor_id: null,
			actor_name: `${months}个月前`,
			ip: '',
			action: 'user.update',
			entity: 'user',
			entity_id: '1',
			changes: '{}'
		}))
	);
	return { now, auditor: await newUser(db, { roles: ['auditor'] }) };
}

async function remaining(db: DB): Promise<string[]> {
	return (await auditRows(db, 'user.update')).map((r) => r.actorName);
}

describeEachDialect('audit retention', (ctx) => {
	it('keeps 12 months by default: a 13-month-old row goes, the purge is audited', async () => {
		const db = ctx.db();
		const { now } = await seed(db);
		expect(await getRetentionMonths(db)).toBe(12);
		const r = await purgeExpiredAudit(db, new Date(now));
		expect(r?.deleted).toBe(1);
		expect(await remaining(db)).toEqual(['7个月前', '5个月前', '1个月前']);
		const purge = await auditRows(db, 'audit.purge');
		expect(purge.map((p) => p.changes)).toEqual([{ before: r!.before, deleted: 1, months: 12 }]);
		// Once a day.
		expect(await purgeExpiredAudit(db, new Date(now))).toBeNull();
	});

	it('never purges a row five months old, whatever the setting says', async () => {
		const db = ctx.db();
		const { now, auditor } = await seed(db);
		const r = await refusal(setRetentionMonths(db, auditor.actor, { months: '5' }));
		expect(r.fields).toEqual({ months: '保留期限至少 6 个月，请填写 6 到 600 之间的整数' });
		expect(await getRetentionMonths(db)).toBe(12);
		// Even a value written past the service (e.g. straight into the database).
		await writeSettingGroup(db, 'audit', { retention_months: 1 });
		await purgeExpiredAudit(db, new Date(now));
		expect(await remaining(db)).toEqual(['5个月前', '1个月前']);
		// And the database itself refuses to delete it.
		await expect(
			db.deleteFrom('audit_log').where('actor_name', '=', '5个月前').execute()
		).rejects.toThrow(/append-only/);
		expect(await remaining(db)).toEqual(['5个月前', '1个月前']);
	});

	it('the security auditor sets six months; seven-month-old rows then go', async () => {
		const db = ctx.db();
		const { now, auditor } = await seed(db);
		expect(await setRetentionMonths(db, auditor.actor, { months: '6' })).toBe(6);
		expect((await auditRows(db, 'audit.retention')).map((a) => a.changes)).toEqual([
			{ months: [12, 6] }
		]);
		await purgeExpiredAudit(db, new Date(now));
		expect(await remaining(db)).toEqual(['5个月前', '1个月前']);
	});

	it('the administrator and the office cannot change the retention (三员分立)', async () => {
		const db = ctx.db();
		await seed(db);
		for (const role of ['admin', 'office'] as const) {
			const u = await newUser(db, { roles: [role] });
			expect((await refusal(setRetentionMonths(db, u.actor, { months: '24' }))).name).toBe(
				'ForbiddenError'
			);
		}
		expect(await getRetentionMonths(db)).toBe(12);
		expect(await auditRows(db, 'audit.retention')).toEqual([]);
	});

	it('months are counted like the database counts them (31 Aug − 6 months = 28 Feb)', () => {
		expect(monthsBefore('2026-08-31T10:00:00.000Z', 6)).toBe('2026-02-28T10:00:00.000Z');
		expect(monthsBefore('2026-03-15T00:00:00.000Z', 13)).toBe('2025-02-15T00:00:00.000Z');
	});
});

describeEachDialect('audit retention, at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, 10);

	it('one purge and one audit row however many processes tick', async () => {
		const { now } = await seed(ctx.db());
		const db = openWide();
		const { ok, errors } = await inParallel(10, () => purgeExpiredAudit(db, new Date(now)));
		expect(errors).toEqual([]);
		expect(ok.filter((r) => r !== null)).toHaveLength(1);
		expect(await remaining(ctx.db())).toEqual(['7个月前', '5个月前', '1个月前']);
		expect(await auditRows(ctx.db(), 'audit.purge')).toHaveLength(1);
	});

	it('saves the retention once when saved ten times at once', async () => {
		const { auditor } = await seed(ctx.db());
		const db = openWide();
		const { errors } = await inParallel(10, () =>
			setRetentionMonths(db, auditor.actor, { months: '24' })
		);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(errors).toEqual([]);
		expect(await getRetentionMonths(ctx.db())).toBe(24);
		expect(await auditRows(ctx.db(), 'audit.retention')).toHaveLength(1);
	});
});
