// Serves the built app (adapter-node's handler) with a clean shutdown on SIGTERM/SIGINT.
// WEB_CONCURRENCY=N (default 1) runs N worker processes on one port (node:cluster): the first
// one starts alone, so that migrations run once, then the others.
import cluster from 'node:cluster';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workers = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY) || 1));

if (workers > 1 && cluster.isPrimary) await supervise(workers);
else await serve();

/** The primary of a cluster: starts the workers, passes signals on, exits when they have. */
async function supervise(/** @type {number} */ count) {
	cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
	/** @type {Set<import('node:cluster').Worker>} */
	const live = new Set();
	let ready = false;
	/** @type {NodeJS.Signals | undefined} */
	let closing;

	const start = () =>
		new Promise((resolve, reject) => {
			const worker = cluster.fork();
			live.add(worker);
			const failed = (/** @type {number | null} */ code) =>
				reject(new Error(`[huiban] a worker exited (code ${code}) before listening`));
			worker.once('exit', failed);
			worker.once('listening', () => {
				worker.off('exit', failed);
				resolve(worker);
			});
		});

	cluster.on('exit', (worker, code, sig) => {
		live.delete(worker);
		if (closing) {
			if (!live.size) process.exit(process.exitCode ?? 0);
		} else if (ready) {
			// A crashed worker is replaced; the others keep serving meanwhile.
			console.error(
				`[huiban] worker ${worker.process.pid} died (${sig ?? code}); starting another`
			);
			start().catch((e) => console.error(/** @type {Error} */ (e).message));
		}
	});

	/** @param {NodeJS.Signals} sig */
	const stop = (sig) => {
		if (closing) return;
		closing = sig;
		console.log(`[huiban] ${sig}: stopping ${live.size} workers`);
		if (!live.size) process.exit(process.exitCode ?? 0);
		for (const w of live) w.process.kill(sig);
		setTimeout(() => process.exit(process.exitCode ?? 0), 12_000).unref();
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));

	try {
		// One at a time: the first applies pending migrations before the others read the schema.
		for (let i = 0; i < count && !closing; i++) await start();
	} catch (e) {
		console.error(/** @type {Error} */ (e).message);
		process.exitCode = 1;
		stop('SIGTERM');
		return;
	}
	ready = true;
	const host = process.env.HOST || '0.0.0.0';
	const where = `http://${host === '0.0.0.0' ? 'localhost' : host}:${process.env.PORT || 3000}`;
	console.log(`[huiban] listening on ${where} (${count} workers)`);
}

async function serve() {
	// Without ORIGIN, the origin comes from the Host header and X-Forwarded-Proto, which a
	// TLS-terminating proxy sets; a direct plain-HTTP request is http.
	if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER ||= 'x-forwarded-proto';
	process.env.BODY_SIZE_LIMIT ||= '12M';

	const { handler } = await import(path.join(root, 'build', 'handler.js'));
	const port = Number(process.env.PORT || 3000);
	const host = process.env.HOST || '0.0.0.0';

	const server = http.createServer((req, res) => {
		if (!process.env.ORIGIN && !req.headers['x-forwarded-proto']) {
			req.headers['x-forwarded-proto'] = 'encrypted' in req.socket ? 'https' : 'http';
		}
		handler(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	server.keepAliveTimeout = 65_000;
	server.listen(port, host, () => {
		if (cluster.isWorker) return;
		console.log(`[huiban] listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
	});

	let closing = false;
	/** @param {string} signal */
	function shutdown(signal) {
		if (closing) return;
		closing = true;
		if (!cluster.isWorker) console.log(`[huiban] ${signal}: closing`);
		server.close(() => {
			// The app's hooks close the database on this event (adapter-node's convention).
			/** @type {(event: string, ...args: unknown[]) => boolean} */ (process.emit)(
				'sveltekit:shutdown',
				signal
			);
			setTimeout(() => process.exit(0), 200).unref();
		});
		server.closeIdleConnections();
		setTimeout(() => process.exit(0), 10_000).unref();
	}
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
}
