// Backs up the configured database (DATABASE_URL, else DATA_DIR/huiban.sqlite) into
// BACKUP_DIR (default DATA_DIR/backups): npm run backup. Safe while the server runs.
import { withAppModule } from './vite-load.js';

try {
	const b = await withAppModule('/src/lib/server/backup/backup.cli.ts', (m) =>
		m.runBackupCommand()
	);
	console.log(`备份完成 / Backup written: ${b.file} (${b.size})`);
} catch (e) {
	console.error(e instanceof Error && e.name === 'BackupError' ? e.message : e);
	process.exitCode = 1;
}
