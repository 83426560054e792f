import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { forgetCachedSettings } from '../settings/settings.service';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { listBackups } from './backup';
import { getBackupSettings, runNightlyBackup, updateBackupSettings } from './backup.service';

const N = 10;
let dir: string;
beforeEach(() => {
	forgetCachedSettings();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-nightly-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describeEachDialect('backup, identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	it('saves the settings and audits the change once', async () => {
		const admin = await newUser(ctx.db(), { roles: ['admin'] });
		const db = openWide();
		const { errors } = await inParallel(N, () =>
			updateBackupSettings(db, admin.actor, { enabled: 'on', hour: '4', keep: '7' })
		);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(errors).toEqual([]);
		expect(await getBackupSettings(ctx.db())).toEqual({ enabled: true, hour: 4, keep: 7 });
		expect(await auditRows(ctx.db(), 'backup.settings')).toHaveLength(1);
	});

	it('makes one nightly backup however many processes tick at once', async () => {
		const admin = await newUser(ctx.db(), { roles: ['admin'] });
		await updateBackupSettings(ctx.db(), admin.actor, { enabled: 'on', hour: '2', keep: '5' });
		const db = openWide();
		const place = {
			target:
				ctx.dialect === 'postgres'
					? { databaseUrl: ctx.url(), sqlitePath: '' }
					: { databaseUrl: undefined, sqlitePath: ctx.url() },
			dir
		};
		const at = new Date('2026-12-06T19:00:00Z');
		const { ok, errors } = await inParallel(N, () => runNightlyBackup(db, at, place));
		expect(errors).toEqual([]);
		expect(ok.filter((b) => b !== null)).toHaveLength(1);
		expect(listBackups(dir)).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'backup.create')).toHaveLength(1);
	});
});
