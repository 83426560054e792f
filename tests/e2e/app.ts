import { startServer } from '../../scripts/launch.js';

export type E2EDialect = 'sqlite' | 'postgres';
export type RunningApp = Awaited<ReturnType<typeof startServer>>;

/**
 * The databases a journey file runs on. Each file names its home database and runs there: the
 * data layer is tested on both in the unit suite, so the journeys (the browser's view) are split
 * between SQLite and PostgreSQL rather than each run twice — about half the journey time.
 * HUIBAN_E2E_DIALECTS=both runs every journey on both; without TEST_DATABASE_URL every journey
 * runs on SQLite.
 */
export function e2eDialects(home: E2EDialect): E2EDialect[] {
	if (!process.env.TEST_DATABASE_URL) return ['sqlite'];
	if (process.env.HUIBAN_E2E_DIALECTS === 'both') return ['sqlite', 'postgres'];
	return [home];
}

const running = new Set<RunningApp>();

/** Servers still running, for the failure report. */
export function openApps(): RunningApp[] {
	return [...running];
}

/** Starts the built server on a fresh, empty database (it migrates itself on start). */
export async function startApp(
	dialect: E2EDialect,
	extraEnv: NodeJS.ProcessEnv = {}
): Promise<RunningApp> {
	const app = await startServer(dialect, extraEnv);
	running.add(app);
	const stop = app.stop;
	app.stop = async () => {
		running.delete(app);
		await stop();
	};
	return app;
}
