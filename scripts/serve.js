// Serves the built app (adapter-node's handler) with a clean shutdown on SIGTERM/SIGINT.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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
	console.log(`[huiban] listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
});

let closing = false;
/** @param {string} signal */
function shutdown(signal) {
	if (closing) return;
	closing = true;
	console.log(`[huiban] ${signal}: closing`);
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
