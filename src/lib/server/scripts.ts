import { readConfig } from './config';
import { connect } from './db/connect';
import { migrateToLatest } from './db/migrate';

/** Entry points for scripts/*.js (run through Vite's SSR loader). */
export async function runMigrations(): Promise<string[]> {
	const db = connect(readConfig());
	try {
		return await migrateToLatest(db);
	} finally {
		await db.destroy();
	}
}
