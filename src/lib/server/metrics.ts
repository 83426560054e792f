import cluster from 'node:cluster';
import client from 'prom-client';
import type { DB } from './db';
import { now } from './clock';
import { outboxBacklog, outboxFailures } from './readiness';

/**
 * Prometheus metrics (`/metrics`), on prom-client's default registry. With WEB_CONCURRENCY>1
 * the worker that is scraped asks the cluster's primary (scripts/serve.js), which gathers every
 * worker's registry (AggregatorRegistry): counters summed, the outbox gauges the largest
 * reading. A module loaded twice (dev server reloads, test files) finds its metrics already
 * registered and reuses them.
 */
const register = client.register;

function metric<T extends client.Metric>(name: string, make: () => T): T {
	return (register.getSingleMetric(name) as T | undefined) ?? make();
}

const DEFAULTS = Symbol.for('huiban.metrics.defaults');
const g = globalThis as Record<symbol, unknown>;
if (!g[DEFAULTS]) {
	g[DEFAULTS] = true;
	client.collectDefaultMetrics({ register });
	// A worker answers its primary's requests for its metrics (prom-client's cluster listener).
	if (cluster.isWorker) new client.AggregatorRegistry();
}

// The database the outbox gauges read at scrape time: the app's own unless a test sets one
// (kept on globalThis: a gauge registered by an earlier load of this module reads it too).
const GAUGE_DB = Symbol.for('huiban.metrics.db');
const appDb = async (): Promise<DB> => (await import('./db')).getDb();
const gaugeDb = (): Promise<DB> => ((g[GAUGE_DB] as (() => Promise<DB>) | undefined) ?? appDb)();

/** Tests: read the outbox gauges from this database (null: the app's own again). */
export function setMetricsDatabase(db: DB | null): void {
	g[GAUGE_DB] = db ? async () => db : undefined;
}

const requests = metric(
	'huiban_http_requests_total',
	() =>
		new client.Counter({
			name: 'huiban_http_requests_total',
			help: 'HTTP requests answered, by route id, method and status',
			labelNames: ['route', 'method', 'status'] as const
		})
);

const latency = metric(
	'huiban_http_request_duration_seconds',
	() =>
		new client.Histogram({
			name: 'huiban_http_request_duration_seconds',
			help: 'Time to answer an HTTP request, by route id and status',
			labelNames: ['route', 'status'] as const,
			buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
		})
);

const schedulerRuns = metric(
	'huiban_scheduler_runs_total',
	() =>
		new client.Counter({
			name: 'huiban_scheduler_runs_total',
			help: 'Scheduler job runs, by job name',
			labelNames: ['tick'] as const
		})
);

const schedulerFailures = metric(
	'huiban_scheduler_failures_total',
	() =>
		new client.Counter({
			name: 'huiban_scheduler_failures_total',
			help: 'Scheduler job runs that threw, by job name',
			labelNames: ['tick'] as const
		})
);

/** A gauge read from the database whenever metrics are gathered (NaN if it does not answer). */
function databaseGauge(name: string, help: string, read: (db: DB) => Promise<number>) {
	return metric(
		name,
		() =>
			new client.Gauge({
				name,
				help,
				// Every worker reads the same database: the cluster's figure is one reading, not a sum.
				aggregator: 'max',
				async collect() {
					try {
						this.set(await read(await gaugeDb()));
					} catch {
						this.set(NaN);
					}
				}
			})
	);
}

databaseGauge('huiban_outbox_backlog', 'Pending mails whose send time has come', (db) =>
	outboxBacklog(db, now().toISOString())
);
databaseGauge('huiban_outbox_failed', 'Mails that failed after all retries', outboxFailures);

/** Route ids only (never raw paths): bounded label values, no tokens from URLs. */
export function observeRequest(
	route: string | null,
	method: string,
	status: number,
	seconds: number
): void {
	const r = route ?? 'unmatched';
	const s = String(status);
	requests.inc({ route: r, method, status: s });
	latency.observe({ route: r, status: s }, seconds);
}

export function observeSchedulerRun(tick: string, ok: boolean): void {
	schedulerRuns.inc({ tick });
	if (!ok) schedulerFailures.inc({ tick });
}

export const metricsContentType = register.contentType;

const ASK = 'huiban:metrics-request';
const ANSWER = 'huiban:metrics-response';
let asked = 0;

/**
 * The metrics in the Prometheus text format: this process's, or in a cluster the primary's
 * aggregate of every worker (this process's alone if the primary does not answer in 5 s).
 */
export async function metricsText(): Promise<string> {
	if (!cluster.isWorker || !process.send) return register.metrics();
	const id = ++asked;
	return new Promise<string>((resolve) => {
		const done = (text: string | null) => {
			clearTimeout(timer);
			process.off('message', onMessage);
			if (text !== null) resolve(text);
			else register.metrics().then(resolve, () => resolve(''));
		};
		const onMessage = (msg: { type?: string; id?: number; text?: string | null }) => {
			if (msg?.type === ANSWER && msg.id === id) done(msg.text ?? null);
		};
		const timer = setTimeout(() => done(null), 5000);
		process.on('message', onMessage);
		process.send!({ type: ASK, id });
	});
}

/**
 * Who may read `/metrics`: a request made on the machine itself (a loopback address and no
 * proxy's forwarding header — through nginx on the same host every request comes from
 * 127.0.0.1), or one carrying `Authorization: Bearer <METRICS_TOKEN>` when that variable is
 * set. Everyone else gets a 404.
 */
export function metricsAllowed(
	address: string,
	headers: Headers,
	token: string | undefined = process.env.METRICS_TOKEN
): boolean {
	const proxied = FORWARDING_HEADERS.some((h) => headers.has(h));
	if (isLoopback(address) && !proxied) return true;
	const authorization = headers.get('authorization');
	if (!token || !authorization) return false;
	const m = /^Bearer\s+(.+)$/i.exec(authorization.trim());
	return m !== null && constantTimeEqual(m[1], token);
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-real-ip', 'forwarded'];

export function isLoopback(address: string): boolean {
	return (
		address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address) || /^::ffff:127\./i.test(address)
	);
}

function constantTimeEqual(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	let diff = x.length ^ y.length;
	for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
	return diff === 0;
}
