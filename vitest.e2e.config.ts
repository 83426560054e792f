import { defineConfig } from 'vitest/config';

// Browser journeys: each file starts the built server on a fresh database and drives
// Debian's Chromium through playwright-core.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/global-setup.ts'],
		setupFiles: ['tests/e2e/failure-report.ts'],
		// Two journey files at a time, each with its own server, database and browser: on 2 cores
		// the whole run took 186 s against 256 s one file at a time (105 journeys, 2026-12-06);
		// much of a journey is waiting on the server or the browser, not computing.
		fileParallelism: true,
		maxWorkers: 2,
		testTimeout: 120_000,
		hookTimeout: 120_000
	}
});
