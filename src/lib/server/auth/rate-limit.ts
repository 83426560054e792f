import type { DB } from '../db';
import * as clock from '../clock';
import { deleteThrottle, findThrottleBlock, upsertThrottleFailure } from './throttles.repository';

export interface ThrottleRule {
	limit: number;
	windowMs: number;
	blockMs: number;
}

/** Whether `key` is blocked now; returns the instant the block ends. */
export async function blockedUntil(db: DB, key: string, at = clock.now()): Promise<string | null> {
	const until = await findThrottleBlock(db, key);
	return until && until > at.toISOString() ? until : null;
}

/**
 * Counts one failure; once `limit` failures fall in one window the key is blocked for blockMs.
 * One statement reads and changes the row, so failures arriving at once are each counted, and
 * a failure during a block never lifts it (the block only ends with time or clearThrottle).
 */
export function recordFailure(
	db: DB,
	key: string,
	rule: ThrottleRule,
	at = clock.now()
): Promise<{ count: number; blockedUntil: string | null }> {
	return upsertThrottleFailure(db, key, {
		at: at.toISOString(),
		until: new Date(at.getTime() + rule.blockMs).toISOString(),
		windowCutoff: new Date(at.getTime() - rule.windowMs).toISOString(),
		limit: rule.limit
	});
}

/** Lifts a throttle; true when there was one (of simultaneous calls, exactly one). */
export function clearThrottle(db: DB, key: string): Promise<boolean> {
	return deleteThrottle(db, key);
}
