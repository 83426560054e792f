import type { DB } from '../db';

export interface ThrottleRule {
	limit: number;
	windowMs: number;
	blockMs: number;
}

/** Whether `key` is blocked now; returns the instant the block ends. */
export async function blockedUntil(db: DB, key: string, now = new Date()): Promise<string | null> {
	const row = await db
		.selectFrom('throttles')
		.select('blocked_until')
		.where('key', '=', key)
		.executeTakeFirst();
	return row?.blocked_until && row.blocked_until > now.toISOString() ? row.blocked_until : null;
}

/** Counts one failure; once `limit` failures fall in one window the key is blocked for blockMs. */
export async function recordFailure(
	db: DB,
	key: string,
	rule: ThrottleRule,
	now = new Date()
): Promise<{ count: number; blockedUntil: string | null }> {
	const nowIso = now.toISOString();
	const row = await db
		.selectFrom('throttles')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	const windowOpen =
		row &&
		new Date(row.window_start).getTime() + rule.windowMs > now.getTime() &&
		!row.blocked_until;
	const count = windowOpen ? row.count + 1 : 1;
	const until = count >= rule.limit ? new Date(now.getTime() + rule.blockMs).toISOString() : null;
	const values = {
		count,
		window_start: windowOpen ? row.window_start : nowIso,
		blocked_until: until
	};
	await db
		.insertInto('throttles')
		.values({ key, ...values })
		.onConflict((oc) => oc.column('key').doUpdateSet(values))
		.execute();
	return { count, blockedUntil: until };
}

export async function clearThrottle(db: DB, key: string): Promise<void> {
	await db.deleteFrom('throttles').where('key', '=', key).execute();
}
