import path from 'node:path';

/** Process configuration from the environment; office settings live in the database. */
export interface AppConfig {
	dataDir: string;
	databaseUrl: string | undefined;
	sqlitePath: string;
	/** Bytes of rendered pages each process may keep (PAGE_CACHE_MB, default 64; 0 = off). */
	pageCacheBytes: number;
	/** The organiser mailbox calendar replies are read from (IMAP_URL; see mail/imap.ts). */
	imapUrl: string | undefined;
	/** PostgreSQL statements prepared by name on each connection (PG_PREPARED_STATEMENTS, default
	 * on; `off` behind a pooler that does not keep prepared statements). */
	preparedStatements: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
	const dataDir = path.resolve(env.DATA_DIR || './data');
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	const mb = env.PAGE_CACHE_MB?.trim() ? Number(env.PAGE_CACHE_MB) : 64;
	const pageCacheBytes = Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 0;
	return {
		dataDir,
		databaseUrl,
		sqlitePath: path.join(dataDir, 'huiban.sqlite'),
		pageCacheBytes,
		imapUrl: env.IMAP_URL?.trim() || undefined,
		preparedStatements: env.PG_PREPARED_STATEMENTS?.trim().toLowerCase() !== 'off'
	};
}
