import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { newDepartment, newUser, type FixtureUser } from '../testing/fixtures';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { DialectContext } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';

// Fixtures shared by the duty module's tests: a small bureau, roster snapshots, and the
// harness for parallel (concurrency) tests.

/** An office planner, and a small bureau: leaders and officers with precedence in order. */
export async function dutyBureau(db: DB, o: { leaders?: number; officers?: number } = {}) {
	const dept = await newDepartment(db, { name: '办公室' });
	const office = await newUser(db, { name: '周文斌', roles: ['office'], departmentId: dept });
	const leaders: FixtureUser[] = [];
	const officers: FixtureUser[] = [];
	for (let i = 0; i < (o.leaders ?? 3); i++) {
		leaders.push(
			await newUser(db, { name: `局领导${i + 1}`, roles: ['leader'] as Role[], departmentId: dept })
		);
	}
	for (let i = 0; i < (o.officers ?? 8); i++) {
		officers.push(
			await newUser(db, { name: `值班员${i + 1}`, roles: ['staff'] as Role[], departmentId: dept })
		);
	}
	return { dept, office, leaders, officers };
}

/** Everything a roster holds, to compare before and after a refused change. */
export async function rosterSnapshot(db: DB, periodId: number) {
	return {
		period: await db.selectFrom('duty_periods').selectAll().where('id', '=', periodId).execute(),
		assignments: await db
			.selectFrom('duty_assignments')
			.select(['id', 'user_id', 'is_locked'])
			.where('period_id', '=', periodId)
			.orderBy('id')
			.execute()
	};
}

export const N = 20;

/** What a burst of calls left behind: audit rows by action, notifications, outbox mails. */
export async function effects(db: DB) {
	const audit = await db.selectFrom('audit_log').select('action').execute();
	const notes = await db.selectFrom('notifications').select(['user_id', 'kind']).execute();
	const mail = await db.selectFrom('outbox').select('id').execute();
	const byAction: Record<string, number> = {};
	for (const a of audit) byAction[a.action] = (byAction[a.action] ?? 0) + 1;
	return {
		audit: byAction,
		notifications: notes.map((n) => `${n.user_id}:${n.kind}`).sort(),
		mails: mail.length
	};
}

/** The audit rows, notifications and mails written between `before` and `after`. */
export function added(
	before: Awaited<ReturnType<typeof effects>>,
	after: Awaited<ReturnType<typeof effects>>
) {
	const audit: Record<string, number> = {};
	for (const [k, n] of Object.entries(after.audit)) {
		const d = n - (before.audit[k] ?? 0);
		if (d) audit[k] = d;
	}
	const left = [...before.notifications];
	const notifications = after.notifications.filter((n) => {
		const i = left.indexOf(n);
		if (i < 0) return true;
		left.splice(i, 1);
		return false;
	});
	return { audit, notifications, mails: after.mails - before.mails };
}

/**
 * The N-identical-calls harness of one test file: a pool of N connections (PostgreSQL) closed
 * after each test, and `burst`, which fires the calls and returns what they wrote.
 */
export function parallelHarness(ctx: DialectContext) {
	const openWide = wideDbPerTest(ctx, N);
	let warmed: DB | undefined;
	/** The pool with its N connections open, so that the calls really start together. */
	async function pool(): Promise<DB> {
		const db = openWide();
		if (warmed !== db && ctx.dialect === 'postgres') {
			await inParallel(N, () => sql`select pg_sleep(0.05)`.execute(db));
		}
		warmed = db;
		return db;
	}
	async function burst<T>(call: (db: DB, i: number) => Promise<T>, n = N) {
		const db = await pool();
		const before = await effects(ctx.db());
		const { ok, errors } = await inParallel(n, (i) => call(db, i));
		const wrote = added(before, await effects(ctx.db()));
		const messages = errors.map((e) => (e as Error).message);
		// Every loser is told something a person can read: never a database error (a 500).
		expect(onlyUserErrors(errors), messages.join(' | ')).toBe(true);
		return { ok, errors, messages, ...wrote };
	}
	return { pool, burst };
}
