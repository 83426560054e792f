import { startServer } from '../../scripts/launch.js';

export type E2EDialect = 'sqlite' | 'postgres';
export type RunningApp = Awaited<ReturnType<typeof startServer>>;

/** Dialects the journeys run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function e2eDialects(): E2EDialect[] {
	return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
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
