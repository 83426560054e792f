import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { DB } from './connect';

// Bundled at build time, so the built server needs no migrations folder on disk.
const modules = import.meta.glob<Migration>('/migrations/[0-9]*.ts', { eager: true });

export function bundledMigrations(): Record<string, Migration> {
	const out: Record<string, Migration> = {};
	for (const [file, mod] of Object.entries(modules)) {
		out[file.replace(/^.*\//, '').replace(/\.ts$/, '')] = { up: mod.up, down: mod.down };
	}
	return out;
}

export function migratorFor(db: DB): Migrator {
	return new Migrator({
		db,
		provider: { getMigrations: async () => bundledMigrations() }
	});
}

export async function migrateToLatest(db: DB): Promise<string[]> {
	const { error, results }: MigrationResultSet = await migratorFor(db).migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
