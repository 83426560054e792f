import { sql } from 'kysely';
import type { DB } from '../db';

/** When the throttle `key` is blocked until (an instant), or null; undefined when none exists. */
export async function findThrottleBlock(db: DB, key: string): Promise<string | null | undefined> {
	const row = await db
		.selectFrom('throttles')
		.select('blocked_until')
		.where('key', '=', key)
		.executeTakeFirst();
	return row?.blocked_until;
}

/**
 * Counts one failure against `key` in one statement (insert or update): within the window
 * (started after `windowCutoff`) the count grows and reaching `limit` blocks until `until`; a
 * running block is kept as it is; otherwise a new window starts.
 */
export async function upsertThrottleFailure(
	db: DB,
	key: string,
	o: { at: string; until: string; windowCutoff: string; limit: number }
): Promise<{ count: number; blockedUntil: string | null }> {
	const { at, until, windowCutoff, limit } = o;
	const row = await db
		.insertInto('throttles')
		.values({
			key,
			count: 1,
			window_start: at,
			blocked_until: limit <= 1 ? until : null
		})
		.onConflict((oc) =>
			oc.column('key').doUpdateSet(() => {
				const blocked = sql<boolean>`throttles.blocked_until is not null and throttles.blocked_until > ${at}`;
				const open = sql<boolean>`throttles.blocked_until is null and throttles.window_start > ${windowCutoff}`;
				return {
					count: sql<number>`case when ${blocked} or ${open} then throttles.count + 1 else 1 end`,
					window_start: sql<string>`case when ${blocked} or ${open} then throttles.window_start else ${at} end`,
					blocked_until: sql<string | null>`case
						when ${blocked} then throttles.blocked_until
						when ${open} and throttles.count + 1 >= ${limit} then ${until}
						when not (${open}) and ${limit} <= 1 then ${until}
						else null end`
				};
			})
		)
		.returning(['count', 'blocked_until'])
		.executeTakeFirstOrThrow();
	return { count: Number(row.count), blockedUntil: row.blocked_until };
}

/** Deletes a throttle; true when there was one (of simultaneous calls, exactly one). */
export async function deleteThrottle(db: DB, key: string): Promise<boolean> {
	const r = await db.deleteFrom('throttles').where('key', '=', key).executeTakeFirst();
	return Number(r.numDeletedRows) > 0;
}
