import { sql } from 'kysely';
import type { DB } from './db';
import { bundledMigrations } from './db/migrate';
import { errorFields, log } from './log';

/**
 * `/readyz`: may this process take traffic? Ready only when the database answers, every
 * migration this build bundles has been applied, the mail outbox is not piling up, and the
 * process is not draining for a restart. `/healthz` (alive) asks none of this.
 */
export interface Readiness {
	status: 'ready' | 'not-ready';
	/** What failed, in words an operator can act on; empty when ready. */
	failed: string[];
	database: boolean;
	/** Bundled migrations the database has not applied (null when the database did not answer). */
	pendingMigrations: string[] | null;
	outbox: { backlog: number | null; limit: number };
	draining: boolean;
}

export const DEFAULT_OUTBOX_LIMIT = 5000;

/** `READY_OUTBOX_LIMIT`: due pending mail above which the process reports not ready. */
export function outboxLimit(env: NodeJS.ProcessEnv = process.env): number {
	const n = Number(env.READY_OUTBOX_LIMIT);
	return env.READY_OUTBOX_LIMIT && Number.isInteger(n) && n > 0 ? n : DEFAULT_OUTBOX_LIMIT;
}

// scripts/serve.js sets this (same process) when SIGTERM starts the drain.
const DRAINING = Symbol.for('huiban.draining');

export function isDraining(): boolean {
	return (globalThis as Record<symbol, unknown>)[DRAINING] === true;
}

/** Marks this process as draining (serve.js does it directly on the same symbol). */
export function setDraining(on: boolean): void {
	(globalThis as Record<symbol, unknown>)[DRAINING] = on;
}

/** Names of the applied migrations (Kysely's own table). */
async function appliedMigrations(db: DB): Promise<Set<string>> {
	const r = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
	return new Set(r.rows.map((row) => row.name));
}

/** Pending mail whose time has come: what the scheduler still has to send. */
export async function outboxBacklog(db: DB, now: string): Promise<number> {
	const row = await db
		.selectFrom('outbox')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'pending')
		.where('next_attempt_at', '<=', now)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Mail that gave up after its retries (status failed). */
export async function outboxFailures(db: DB): Promise<number> {
	const row = await db
		.selectFrom('outbox')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('status', '=', 'failed')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function checkReadiness(
	db: DB,
	o: { now: Date; limit?: number; draining?: boolean }
): Promise<Readiness> {
	const limit = o.limit ?? outboxLimit();
	const draining = o.draining ?? isDraining();
	const failed: string[] = [];
	if (draining) failed.push('draining: the process is shutting down');
	let database = false;
	let pendingMigrations: string[] | null = null;
	let backlog: number | null = null;
	try {
		const applied = await appliedMigrations(db);
		database = true;
		pendingMigrations = Object.keys(bundledMigrations())
			.filter((name) => !applied.has(name))
			.sort();
		if (pendingMigrations.length) {
			failed.push(`migrations: ${pendingMigrations.length} pending (${pendingMigrations[0]}…)`);
		}
		backlog = await outboxBacklog(db, o.now.toISOString());
		if (backlog >= limit) failed.push(`outbox: ${backlog} due mails, limit ${limit}`);
	} catch (e) {
		if (!database) failed.push('database: not reachable');
		else failed.push('outbox: could not be read');
		log.warn({ ...errorFields(e) }, 'readiness check failed');
	}
	return {
		status: failed.length ? 'not-ready' : 'ready',
		failed,
		database,
		pendingMigrations,
		outbox: { backlog, limit },
		draining
	};
}
