import { sql } from 'kysely';
import type { DB } from '../db';
import * as clock from '../clock';

export interface ThrottleRule {
	limit: number;
	windowMs: number;
	blockMs: number;
}

/** Whether `key` is blocked now; returns the instant the block ends. */
export async function blockedUntil(db: DB, key: string, at = clock.now()): Promise<string | null> {
	const row = await db
		.selectFrom('throttles')
		.select('blocked_until')
		.where('key', '=', key)
		.executeTakeFirst();
	return row?.blocked_until && row.blocked_until > at.toISOString() ? row.blocked_until : null;
}

/**
 * Counts one failure; once `limit` failures fall in one window the key is blocked for blockMs.
 * One statement reads and changes the row, so failures arriving at once are each counted, and
 * a failure during a block never lifts it (the block only ends with time or clearThrottle).
 */
export async function recordFailure(
	db: DB,
	key: string,
	rule: ThrottleRule,
	at = clock.now()
): Promise<{ count: number; blockedUntil: string | null }> {
	const nowIso = at.toISOString();
	const until = new Date(at.getTime() + rule.blockMs).toISOString();
	const windowCutoff = new Date(at.getTime() - rule.windowMs).toISOString();
	const row = await db
		.insertInto('throttles')
		.values({
			key,
			count: 1,
			window_start: nowIso,
			blocked_until: rule.limit <= 1 ? until : null
		})
		.onConflict((oc) =>
			oc.column('key').doUpdateSet(() => {
				const blocked = sql<boolean>`throttles.blocked_until is not null and throttles.blocked_until > ${nowIso}`;
				const open = sql<boolean>`throttles.blocked_until is null and throttles.window_start > ${windowCutoff}`;
				return {
					count: sql<number>`case when ${blocked} or ${open} then throttles.count + 1 else 1 end`,
					window_start: sql<string>`case when ${blocked} or ${open} then throttles.window_start else ${nowIso} end`,
					blocked_until: sql<string | null>`case
						when ${blocked} then throttles.blocked_until
						when ${open} and throttles.count + 1 >= ${rule.limit} then ${until}
						when not (${open}) and ${rule.limit} <= 1 then ${until}
						else null end`
				};
			})
		)
		.returning(['count', 'blocked_until'])
		.executeTakeFirstOrThrow();
	return { count: Number(row.count), blockedUntil: row.blocked_until };
}

/** Lifts a throttle; true when there was one (of simultaneous calls, exactly one). */
export async function clearThrottle(db: DB, key: string): Promise<boolean> {
	const r = await db.deleteFrom('throttles').where('key', '=', key).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}
