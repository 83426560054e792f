import { afterEach } from 'vitest';
import type { DB } from '../db/connect';
import { connectPostgres } from '../db/connect';
import type { DialectContext } from './each-dialect';

export interface ParallelOutcome<T> {
	/** Values of the calls that succeeded. */
	ok: T[];
	/** What the others threw. */
	errors: unknown[];
}

/**
 * Fires `n` calls at once — n clicks or n requests arriving together — and sorts what came
 * back. Every state-changing service is tested with it: exactly one of n identical calls may
 * change anything; the others must get the message a second click would get (a
 * ValidationError or the like), never a database error, a duplicate mail or audit row.
 */
export async function inParallel<T>(
	n: number,
	call: (i: number) => Promise<T>
): Promise<ParallelOutcome<T>> {
	const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => call(i)));
	return {
		ok: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
		errors: results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))
	};
}

/**
 * A connection pool wide enough for `n` transactions at once, as n app requests would have:
 * on PostgreSQL a pool of n connections to the test database (READ COMMITTED, where a
 * read-then-write race really happens); SQLite serialises writers on its one connection.
 * Close it with `destroy()` when the test ends (the SQLite one is the test's own and is left).
 */
export function wideDb(ctx: DialectContext, n = 20): { db: DB; destroy(): Promise<void> } {
	if (ctx.dialect === 'postgres') {
		const db = connectPostgres(ctx.url(), n);
		return { db, destroy: () => db.destroy() };
	}
	return { db: ctx.db(), destroy: async () => {} };
}

/** Every error in `errors` is one the user is shown (not a database or programming error). */
export function onlyUserErrors(errors: unknown[]): boolean {
	return errors.every(
		(e) =>
			e instanceof Error && ['ValidationError', 'ForbiddenError', 'NotFoundError'].includes(e.name)
	);
}

/**
 * For a `describeEachDialect` suite: `openWide()` gives the current test its pool of n
 * connections (opened on first use), closed when the test ends.
 */
export function wideDbPerTest(ctx: DialectContext, n = 20): () => DB {
	let current: ReturnType<typeof wideDb> | undefined;
	afterEach(async () => {
		await current?.destroy();
		current = undefined;
	});
	return () => (current ??= wideDb(ctx, n)).db;
}
