import { instantToZonedDate, instantToZonedTime } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import { readConfig } from '../config';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { inTransaction } from '../db/transaction';
import { claimOnce, registerTick } from '../jobs/scheduler';
import { log, errorFields } from '../log';
import { canAdminister, requirePermission } from '../permissions';
import { getSettings, readSettingGroup, writeSettingGroup } from '../settings/settings.service';
import { parseInput } from '../validation';
import {
	backupDir,
	createBackup,
	listBackups,
	pruneBackups,
	type BackupFile,
	type BackupTarget
} from './backup';
import { backupSettingsSchema, type BackupSettingsInput } from './backup.schema';

// The scheduled backup (settings under `backup_`: enabled, hour in office time, keep) and the
// administrator's backup page.

export interface BackupSettings {
	enabled: boolean;
	/** Office-time hour (0–23) from which the day's backup is made. */
	hour: number;
	/** How many backup files are kept; older ones are deleted after each backup. */
	keep: number;
}

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { enabled: false, hour: 2, keep: 14 };

const PREFIX = 'backup';

export async function getBackupSettings(db: DB): Promise<BackupSettings> {
	const raw = await readSettingGroup(db, PREFIX);
	const num = (v: string | undefined, d: number) =>
		v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d;
	return {
		enabled: raw.enabled === 'true',
		hour: num(raw.hour, DEFAULT_BACKUP_SETTINGS.hour),
		keep: num(raw.keep, DEFAULT_BACKUP_SETTINGS.keep)
	};
}

export async function updateBackupSettings(
	db: DB,
	actor: Actor,
	input: BackupSettingsInput
): Promise<BackupSettings> {
	requirePermission(actor, canAdminister);
	const data = parseInput(backupSettingsSchema, input);
	await inTransaction(db, async (trx) => {
		// Saves take turns, each comparing with what the previous one stored.
		await lockName(trx, 'settings');
		const changes = diff({ ...(await getBackupSettings(trx)) }, data);
		if (!Object.keys(changes).length) return;
		await writeSettingGroup(trx, PREFIX, {
			enabled: String(data.enabled),
			hour: data.hour,
			keep: data.keep
		});
		await audit(trx, actor, 'backup.settings', 'settings', null, changes);
	});
	return getBackupSettings(db);
}

/** Where this process's database and backups are (from the environment). */
export interface BackupPlace {
	target: BackupTarget;
	dir: string;
}

export function configuredBackupPlace(env: NodeJS.ProcessEnv = process.env): BackupPlace {
	const c = readConfig(env);
	return {
		target: { databaseUrl: c.databaseUrl, sqlitePath: c.sqlitePath },
		dir: backupDir(c.dataDir, env)
	};
}

/** The backup page: the settings and the files, newest first. */
export async function loadBackupPage(
	db: DB,
	actor: Actor,
	place: BackupPlace = configuredBackupPlace()
): Promise<{ settings: BackupSettings; dir: string; files: Omit<BackupFile, 'file'>[] }> {
	requirePermission(actor, canAdminister);
	return {
		settings: await getBackupSettings(db),
		dir: place.dir,
		files: listBackups(place.dir).map(({ file: _file, ...rest }) => rest)
	};
}

/**
 * Makes a backup now and deletes the oldest beyond `keep`, each audited (backup.create,
 * backup.prune) by `by` — the scheduler acts for nobody.
 */
export async function backupAndPrune(
	db: DB,
	place: BackupPlace,
	at: Date,
	keep: number,
	by: { ip: string } = { ip: '' }
): Promise<{ backup: BackupFile; pruned: string[] }> {
	const backup = await createBackup(place.target, place.dir, at);
	const pruned = pruneBackups(place.dir, keep);
	await inTransaction(db, async (trx) => {
		await audit(trx, by, 'backup.create', 'backup', backup.name, { bytes: backup.bytes });
		if (pruned.length)
			await audit(trx, by, 'backup.prune', 'backup', null, { files: pruned, keep });
	});
	return { backup, pruned };
}

/**
 * The nightly backup: once the office's clock has passed the set hour, the first process to
 * claim the day (`backup.nightly:<date>`) makes it; the others, and later ticks, do nothing.
 */
export async function runNightlyBackup(
	db: DB,
	now: Date,
	place: BackupPlace = configuredBackupPlace()
): Promise<BackupFile | null> {
	const settings = await getBackupSettings(db);
	if (!settings.enabled) return null;
	const { timeZone } = await getSettings(db);
	const iso = now.toISOString();
	const hour = Number(instantToZonedTime(iso, timeZone).slice(0, 2));
	if (hour < settings.hour) return null;
	if (!(await claimOnce(db, `backup.nightly:${instantToZonedDate(iso, timeZone)}`))) return null;
	try {
		return (await backupAndPrune(db, place, now, settings.keep)).backup;
	} catch (e) {
		log.error({ dir: place.dir, ...errorFields(e) }, 'nightly backup failed');
		throw e;
	}
}

registerTick('backup.nightly', (db, now) => runNightlyBackup(db, now));
