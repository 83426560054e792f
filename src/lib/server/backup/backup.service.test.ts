import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { forgetCachedSettings } from '../settings/settings.service';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect, type DialectContext } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { refusal } from '../testing/refusal';
import { listBackups } from './backup';
import {
	getBackupSettings,
	loadBackupPage,
	runNightlyBackup,
	updateBackupSettings,
	type BackupPlace
} from './backup.service';

let dir: string;
beforeEach(() => {
	forgetCachedSettings();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-nightly-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function placeOf(ctx: DialectContext): BackupPlace {
	return {
		target:
			ctx.dialect === 'postgres'
				? { databaseUrl: ctx.url(), sqlitePath: '' }
				: { databaseUrl: undefined, sqlitePath: ctx.url() },
		dir
	};
}

const form = (o: Partial<Record<'enabled' | 'hour' | 'keep', string>> = {}) => ({
	enabled: 'on',
	hour: '2',
	keep: '3',
	...o
});

describeEachDialect('scheduled backup', (ctx) => {
	it('starts off, with 14 kept; the administrator turns it on', async () => {
		const db = ctx.db();
		expect(await getBackupSettings(db)).toEqual({ enabled: false, hour: 2, keep: 14 });
		const admin = await newUser(db, { roles: ['admin'] });
		expect(await updateBackupSettings(db, admin.actor, form({ hour: '3' }))).toEqual({
			enabled: true,
			hour: 3,
			keep: 3
		});
		const rows = await auditRows(db, 'backup.settings');
		expect(rows.map((r) => r.changes)).toEqual([
			{ enabled: [false, true], hour: [2, 3], keep: [14, 3] }
		]);
		// Saved again as it is: nothing written.
		await updateBackupSettings(db, admin.actor, form({ hour: '3' }));
		expect(await auditRows(db, 'backup.settings')).toHaveLength(1);
	});

	it('refuses hours and counts out of range, changing nothing', async () => {
		const db = ctx.db();
		const admin = await newUser(db, { roles: ['admin'] });
		const r = await refusal(updateBackupSettings(db, admin.actor, form({ hour: '24', keep: '0' })));
		expect(r.fields).toEqual({
			hour: '请填写 0 到 23 之间的整数',
			keep: '请填写 1 到 365 之间的整数'
		});
		expect((await getBackupSettings(db)).enabled).toBe(false);
	});

	it('the office, the security auditor and staff cannot change or see backups', async () => {
		const db = ctx.db();
		for (const role of ['office', 'auditor', 'staff'] as const) {
			const u = await newUser(db, { roles: [role] });
			expect((await refusal(updateBackupSettings(db, u.actor, form()))).name).toBe(
				'ForbiddenError'
			);
			expect((await refusal(loadBackupPage(db, u.actor, placeOf(ctx)))).name).toBe(
				'ForbiddenError'
			);
		}
		expect((await getBackupSettings(db)).enabled).toBe(false);
	});

	it('backs up once a day after the set hour, office time, and keeps the newest', async () => {
		const db = ctx.db();
		const admin = await newUser(db, { roles: ['admin'] });
		const place = placeOf(ctx);
		// Off: nothing.
		expect(await runNightlyBackup(db, new Date('2026-12-01T20:00:00Z'), place)).toBeNull();
		await updateBackupSettings(db, admin.actor, form({ hour: '2', keep: '2' }));
		// 01:30 in Shanghai (17:30 UTC the day before): not yet.
		expect(await runNightlyBackup(db, new Date('2026-11-30T17:30:00Z'), place)).toBeNull();
		for (const day of ['01', '02', '03']) {
			// 02:05 office time (18:05 UTC the day before), then 08:05 the same office day.
			setClock(`2026-12-${day}T18:05:00.000Z`);
			expect(
				await runNightlyBackup(db, new Date(`2026-12-${day}T18:05:00Z`), place)
			).not.toBeNull();
			expect(await runNightlyBackup(db, new Date(`2026-12-${day}T18:05:00Z`), place)).toBeNull();
			expect(
				await runNightlyBackup(
					db,
					new Date(Date.parse(`2026-12-${day}T18:05:00Z`) + 6 * 3_600_000),
					place
				)
			).toBeNull();
		}
		const files = listBackups(dir);
		expect(files.map((f) => f.at)).toEqual([
			'2026-12-03T18:05:00.000Z',
			'2026-12-02T18:05:00.000Z'
		]);
		const created = await auditRows(db, 'backup.create');
		expect(created).toHaveLength(3);
		const pruned = await auditRows(db, 'backup.prune');
		expect(pruned).toHaveLength(1);
		expect(pruned[0].changes).toMatchObject({ keep: 2 });
		const page = await loadBackupPage(db, admin.actor, place);
		expect(page.files.map((f) => f.name)).toEqual(files.map((f) => f.name));
	});
});
