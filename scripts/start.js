// `npm start`: build when the build is missing or older than the sources, then serve.
// Migrations run in the server's init hook, so every process starts on the latest schema.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = path.join('build', '.built-at');
const SOURCES = [
	'src',
	'static',
	'messages',
	'migrations',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'package.json',
	'package-lock.json',
	// how the build is made, and the patches applied to Svelte and SvelteKit (patch-package)
	'scripts/start.js',
	'patches'
];

/**
 * @param {string} p
 * @returns {number}
 */
function newestMtime(p) {
	if (!fs.existsSync(p)) return 0;
	const st = fs.statSync(p);
	if (!st.isDirectory()) return st.mtimeMs;
	let newest = 0;
	for (const entry of fs.readdirSync(p)) {
		const child = path.join(p, entry);
		// Paraglide writes src/lib/paraglide during the build: output, not source.
		if (child.endsWith(path.join('lib', 'paraglide'))) continue;
		newest = Math.max(newest, newestMtime(child));
	}
	return newest;
}

/**
 * @param {string} [dir] the app's directory (tests point it at a scratch copy)
 * @returns {boolean}
 */
export function needsBuild(dir = root) {
	const stamp = path.join(dir, STAMP);
	if (!fs.existsSync(path.join(dir, 'build', 'handler.js')) || !fs.existsSync(stamp)) return true;
	const built = Number(fs.readFileSync(stamp, 'utf8')) || 0;
	return SOURCES.some((s) => newestMtime(path.join(dir, s)) > built);
}

export function build() {
	const started = Date.now();
	console.log('[huiban] building the app (first start or sources changed)…');
	const r = spawnSync(
		process.execPath,
		[path.join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			// Always the production build: Vite keeps a NODE_ENV it finds (Vitest sets 'test'), and
			// under any other value Svelte compiles its development checks into every component
			// (element nesting, ownership) that run on every render.
			env: { ...process.env, NODE_ENV: 'production' },
			stdio: ['ignore', 'ignore', 'inherit']
		}
	);
	if (r.status !== 0) {
		console.error('[huiban] build failed');
		process.exit(1);
	}
	fs.writeFileSync(path.join(root, STAMP), String(started));
	console.log(`[huiban] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (needsBuild()) build();
	await import('./serve.js');
}
