// Serves the built app (adapter-node's handler) and drains cleanly on SIGTERM/SIGINT, so that
// a rolling restart behind a proxy fails no request (docs/OPERATIONS.md):
//   - stop accepting connections; /readyz answers 503 from now on;
//   - close idle keep-alive connections at once, and each busy one as soon as its response is
//     sent (`Connection: close` on it), so the proxy opens its next connection elsewhere;
//   - let requests in flight finish, then close the database and exit (hard exit after 10 s).
// WEB_CONCURRENCY=N (default 1) runs N worker processes on one port (node:cluster): the first
// one starts alone, so that migrations run once, then the others. The primary also gathers the
// workers' metrics for /metrics (prom-client's AggregatorRegistry).
import cluster from 'node:cluster';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { fairQueue } from './fair-queue.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workers = Math.max(1, Math.floor(Number(process.env.WEB_CONCURRENCY) || 1));
/** How long in-flight requests get to finish after SIGTERM. */
const DRAIN_MS = 10_000;

// The same JSON lines as the app's logger (src/lib/server/log.ts).
const log = pino({
	level: process.env.LOG_LEVEL || 'info',
	base: { pid: process.pid },
	timestamp: pino.stdTimeFunctions.isoTime
});

if (workers > 1 && cluster.isPrimary) await supervise(workers);
else await serve();

/** Behind a proxy that sets ADDRESS_HEADER, a client reaching the app port directly could forge it. */
function warnIfExposed() {
	const host = process.env.HOST;
	if (process.env.ADDRESS_HEADER && (!host || host === '0.0.0.0' || host === '::')) {
		log.warn(
			{ addressHeader: process.env.ADDRESS_HEADER, host: host || '0.0.0.0' },
			'ADDRESS_HEADER is set but the app listens on every interface: anyone reaching the port ' +
				'directly can forge their address. Set HOST=127.0.0.1 behind a proxy on this machine.'
		);
	}
}

/** The primary of a cluster: starts the workers, passes signals on, exits when they have. */
async function supervise(/** @type {number} */ count) {
	warnIfExposed();
	cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
	/** @type {Set<import('node:cluster').Worker>} */
	const live = new Set();
	let ready = false;
	/** @type {NodeJS.Signals | undefined} */
	let closing;

	// /metrics in a worker asks here for every worker's metrics, summed.
	const { default: client } = await import('prom-client');
	const aggregator = new client.AggregatorRegistry();
	cluster.on('message', (worker, msg) => {
		if (msg?.type !== 'huiban:metrics-request') return;
		aggregator.clusterMetrics().then(
			(text) => worker.send({ type: 'huiban:metrics-response', id: msg.id, text }),
			(e) => {
				log.warn({ err: { message: e.message } }, 'metrics of the workers not gathered');
				worker.send({ type: 'huiban:metrics-response', id: msg.id, text: null });
			}
		);
	});

	const start = () =>
		new Promise((resolve, reject) => {
			const worker = cluster.fork();
			live.add(worker);
			const failed = (/** @type {number | null} */ code) =>
				reject(new Error(`a worker exited (code ${code}) before listening`));
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
			log.error({ worker: worker.process.pid, exit: sig ?? code }, 'worker died; starting another');
			start().catch((e) => log.error({ err: { message: e.message } }, 'worker did not start'));
		}
	});

	/** @param {NodeJS.Signals} sig */
	const stop = (sig) => {
		if (closing) return;
		closing = sig;
		log.info({ signal: sig, workers: live.size }, 'stopping the workers');
		if (!live.size) process.exit(process.exitCode ?? 0);
		for (const w of live) w.process.kill(sig);
		setTimeout(() => process.exit(process.exitCode ?? 0), DRAIN_MS + 2_000).unref();
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));

	try {
		// One at a time: the first applies pending migrations before the others read the schema.
		for (let i = 0; i < count && !closing; i++) await start();
	} catch (e) {
		log.error({ err: { message: /** @type {Error} */ (e).message } }, 'the app did not start');
		process.exitCode = 1;
		stop('SIGTERM');
		return;
	}
	ready = true;
	const host = process.env.HOST || '0.0.0.0';
	const where = `http://${host === '0.0.0.0' ? 'localhost' : host}:${process.env.PORT || 3000}`;
	log.info({ url: where, workers: count }, `listening on ${where} (${count} workers)`);
}

async function serve() {
	if (!cluster.isWorker) warnIfExposed();
	// Without ORIGIN, the origin comes from the Host header and X-Forwarded-Proto, which a
	// TLS-terminating proxy sets; a direct plain-HTTP request is http.
	if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER ||= 'x-forwarded-proto';
	process.env.BODY_SIZE_LIMIT ||= '12M';

	const { handler } = await import(path.join(root, 'build', 'handler.js'));
	const port = Number(process.env.PORT || 3000);
	const host = process.env.HOST || '0.0.0.0';

	let closing = false;
	/** Responses not yet sent, to be told `Connection: close` when the drain starts. */
	/** @type {Set<import('node:http').ServerResponse>} */
	const inFlight = new Set();
	// Started oldest first, one per turn of the event loop (scripts/fair-queue.js).
	const start = fairQueue(
		(
			/** @type {import('node:http').IncomingMessage} */ req,
			/** @type {import('node:http').ServerResponse} */ res
		) =>
			handler(req, res, () => {
				res.statusCode = 404;
				res.end('Not found');
			})
	);

	const server = http.createServer((req, res) => {
		if (!process.env.ORIGIN && !req.headers['x-forwarded-proto']) {
			req.headers['x-forwarded-proto'] = 'encrypted' in req.socket ? 'https' : 'http';
		}
		// A request that arrives on a kept-alive connection during the drain is still served,
		// and that connection ends with it.
		if (closing) res.setHeader('Connection', 'close');
		inFlight.add(res);
		res.once('close', () => {
			inFlight.delete(res);
			// Once sent, the connection is idle: close it rather than wait for another request.
			if (closing) server.closeIdleConnections();
		});
		start(req, res);
	});
	server.keepAliveTimeout = 65_000;
	server.listen(port, host, () => {
		if (cluster.isWorker) return;
		const where = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
		log.info({ url: where }, `listening on ${where}`);
	});

	/** @param {string} signal */
	function shutdown(signal) {
		if (closing) return;
		closing = true;
		// The app's /readyz reads this flag (src/lib/server/readiness.ts): 503 from now on.
		/** @type {Record<symbol, unknown>} */ (globalThis)[Symbol.for('huiban.draining')] = true;
		if (!cluster.isWorker) log.info({ signal, inFlight: inFlight.size }, 'draining');
		for (const res of inFlight) {
			if (!res.headersSent) res.setHeader('Connection', 'close');
		}
		server.close(() => {
			// The app's hooks close the database on this event (adapter-node's convention).
			/** @type {(event: string, ...args: unknown[]) => boolean} */ (process.emit)(
				'sveltekit:shutdown',
				signal
			);
			setTimeout(() => process.exit(0), 200).unref();
		});
		server.closeIdleConnections();
		setTimeout(() => {
			log.warn({ inFlight: inFlight.size }, 'requests still running after the drain time; exiting');
			process.exit(0);
		}, DRAIN_MS).unref();
	}
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
}
