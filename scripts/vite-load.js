// Loads a TypeScript module of the app (with $lib aliases and bundled migrations) from a
// plain Node script, through Vite's SSR loader. Used by migrate, demo and bench scripts.
import { createServer } from 'vite';

/**
 * @template T
 * @param {string} file
 * @param {(mod: any) => Promise<T> | T} fn
 * @returns {Promise<T>}
 */
export async function withAppModule(file, fn) {
	const vite = await createServer({
		server: { middlewareMode: true, hmr: false, watch: null },
		appType: 'custom',
		logLevel: 'error',
		optimizeDeps: { noDiscovery: true, include: [] }
	});
	try {
		const mod = await vite.ssrLoadModule(file);
		return await fn(mod);
	} finally {
		await vite.close();
	}
}
