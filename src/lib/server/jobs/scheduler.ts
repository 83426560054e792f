import type { DB } from '../db';
import { deliverDueMail, MAIL_BATCH } from '../mail/outbox';
import { getMailTransport } from '../mail/transport';
import { purgeStaleImportBatches } from '../org/import.service';
import { insertJobMark } from './job-marks.repository';
import * as clock from '../clock';
import { errorFields, log } from '../log';
import { observeSchedulerRun } from '../metrics';

/**
 * Claims a one-time step (e.g. `reminder:meeting:12:v3`) for this process. The primary key on
 * job_marks decides: of any number of processes on one database, exactly one gets true, so a
 * step guarded by it never runs twice.
 */
export function claimOnce(db: DB, key: string): Promise<boolean> {
	return insertJobMark(db, key, clock.nowIso());
}

export type Tick = (db: DB, now: Date) => Promise<unknown>;

const ticks = new Map<string, Tick>();
const running = new Set<string>();

/**
 * Adds (or replaces) a job run on every tick; returns its removal. Jobs must be idempotent:
 * every app process runs them (claimOnce guards the steps that must happen once).
 */
export function registerTick(name: string, fn: Tick): () => void {
	ticks.set(name, fn);
	return () => {
		if (ticks.get(name) === fn) ticks.delete(name);
	};
}

/**
 * Runs every registered job once. One failing job is logged and does not stop the others; a job
 * still busy from the previous tick is skipped rather than run twice over.
 */
export async function runTicks(db: DB, now: Date = clock.now()): Promise<void> {
	await Promise.all(
		[...ticks].map(async ([name, fn]) => {
			if (running.has(name)) return;
			running.add(name);
			try {
				await fn(db, now);
				observeSchedulerRun(name, true);
			} catch (e) {
				observeSchedulerRun(name, false);
				log.error({ tick: name, ...errorFields(e) }, 'scheduler job failed');
			} finally {
				running.delete(name);
			}
		})
	);
}

// A big notice (2,000 people) drains in one tick rather than 50 mails a minute, within reason.
const MAIL_BATCHES_PER_TICK = 40;

registerTick('mail.deliver', async (db) => {
	const transport = getMailTransport();
	for (let i = 0; i < MAIL_BATCHES_PER_TICK; i++) {
		const r = await deliverDueMail(db, transport, clock.now());
		if (r.due < MAIL_BATCH || r.sent === 0) return;
	}
});

// People imports previewed and never committed keep password hashes; they go after a day.
registerTick('org.import-purge', purgeStaleImportBatches);

let timer: ReturnType<typeof setInterval> | undefined;

export function schedulerIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
	const n = Number(env.SCHEDULER_INTERVAL_MS);
	return Number.isFinite(n) && n >= 1000 ? n : 60_000;
}

/** Runs the jobs every interval; the timer never keeps the process alive on its own. */
export function startScheduler(db: DB, o: { intervalMs?: number } = {}): void {
	stopScheduler();
	timer = setInterval(() => void runTicks(db), o.intervalMs ?? schedulerIntervalMs());
	timer.unref();
}

export function stopScheduler(): void {
	if (timer) clearInterval(timer);
	timer = undefined;
}
