// Restores a backup into the configured database: npm run restore -- FILE [--yes]
// SQLite: stop the server first. Afterwards the migrations run, so an older backup comes up to date.
import { withAppModule } from './vite-load.js';

const args = process.argv.slice(2);
const overwrite = args.includes('--yes') || args.includes('-y');
const file = args.find((a) => !a.startsWith('-'));

if (!file) {
	console.error('用法 / usage: npm run restore -- FILE [--yes]');
	process.exit(2);
}

try {
	const applied = await withAppModule('/src/lib/server/backup/backup.cli.ts', (m) =>
		m.runRestoreCommand(file, overwrite)
	);
	console.log(`已恢复 / Restored: ${file}`);
	console.log(
		applied.length
			? `已升级数据库结构 / migrations applied: ${applied.join(', ')}`
			: '数据库结构已是最新 / database is up to date'
	);
} catch (e) {
	console.error(e instanceof Error && e.name === 'BackupError' ? e.message : e);
	process.exitCode = 1;
}
