import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'baseLocale'] as ('cookie' | 'baseLocale')[]
};

/**
 * Unit tests read the messages compiled one module per locale (global setup compiles them here):
 * the app's one module per message (good for tree-shaking in the browser) made every test file
 * load thousands of modules.
 */
export const testParaglideDir = path.resolve('node_modules/.huiban-test/paraglide');

export default defineConfig({
	plugins: [
		// Under Vitest the messages are compiled once in global setup instead: the plugin's
		// watcher would keep the test server from closing.
		...(process.env.VITEST ? [] : [paraglideVitePlugin(paraglideOptions)]),
		sveltekit()
	],
	server: { port: 5173 },
	// The build is timed by `npm start`; rolldown's per-plugin timing report is noise there.
	build: { rolldownOptions: { checks: { pluginTimings: false } } },
	test: {
		include: ['src/**/*.test.ts', 'tests/scripts/**/*.test.ts'],
		environment: 'node',
		// 2 cores: two workers, each with its own fresh databases
		maxWorkers: 2,
		// Each worker loads the app's modules once for all its files (a quarter of the suite's
		// time went to loading them anew per file). Every test has its own database; a test that
		// changes process state (an env var, a module setting) puts it back in afterEach.
		isolate: false,
		testTimeout: 30_000,
		hookTimeout: 60_000,
		globalSetup: ['src/lib/server/testing/global-setup.ts'],
		alias: [{ find: /^\$lib\/paraglide\//, replacement: `${testParaglideDir}/` }]
	}
});
