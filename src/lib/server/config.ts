import path from 'node:path';

/** Process configuration from the environment; office settings live in the database. */
export interface AppConfig {
	dataDir: string;
	databaseUrl: string | undefined;
	sqlitePath: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
	const dataDir = path.resolve(env.DATA_DIR || './data');
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	return { dataDir, databaseUrl, sqlitePath: path.join(dataDir, 'huiban.sqlite') };
}
