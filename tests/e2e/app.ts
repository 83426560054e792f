import { startServer } from '../../scripts/launch.js';

export type E2EDialect = 'sqlite' | 'postgres';
export type RunningApp = Awaited<ReturnType<typeof startServer>>;

/** Dialects the journeys run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function e2eDialects(): E2EDialect[] {
	return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

/** Starts the built server on a fresh, empty database (it migrates itself on start). */
export function startApp(dialect: E2EDialect): Promise<RunningApp> {
	return startServer(dialect);
}
