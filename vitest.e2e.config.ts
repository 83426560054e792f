import { defineConfig } from 'vitest/config';

// Browser journeys: each file starts the built server on a fresh database and drives
// Debian's Chromium through playwright-core.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/e2e/global-setup.ts'],
		setupFiles: ['tests/e2e/failure-report.ts'],
		// One journey file at a time: each already runs a server and a browser on 2 cores.
		fileParallelism: false,
		testTimeout: 120_000,
		hookTimeout: 120_000
	}
});
