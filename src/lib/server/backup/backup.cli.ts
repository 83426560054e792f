import { audit } from '../audit';
import * as clock from '../clock';
import { connect } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { inTransaction } from '../db/transaction';
import { createBackup, formatBytes, restoreBackup, type BackupFile } from './backup';
import { configuredBackupPlace } from './backup.service';

// Entry points of `npm run backup` and `npm run restore FILE` (scripts/*.js, through Vite's SSR
// loader), on the database the environment names (DATABASE_URL, else DATA_DIR's SQLite file).

const SCRIPT = { ip: '127.0.0.1' };

export async function runBackupCommand(
	env: NodeJS.ProcessEnv = process.env
): Promise<BackupFile & { size: string }> {
	const place = configuredBackupPlace(env);
	const backup = await createBackup(place.target, place.dir, clock.now());
	const db = connect(place.target);
	try {
		await inTransaction(db, (trx) =>
			audit(trx, SCRIPT, 'backup.create', 'backup', backup.name, { bytes: backup.bytes })
		);
	} finally {
		await db.destroy();
	}
	return { ...backup, size: formatBytes(backup.bytes) };
}

/** Restores FILE, then brings the database up to date; returns the migrations applied. */
export async function runRestoreCommand(
	file: string,
	overwrite: boolean,
	env: NodeJS.ProcessEnv = process.env
): Promise<string[]> {
	const { target } = configuredBackupPlace(env);
	await restoreBackup(target, file, { overwrite });
	const db = connect(target);
	try {
		return await migrateToLatest(db);
	} finally {
		await db.destroy();
	}
}
