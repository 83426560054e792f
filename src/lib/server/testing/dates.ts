import { instantToZonedDate } from '$lib/domain/zoned-time';
import { now } from '../clock';

const DAY_MS = 86_400_000;

/**
 * The instant `days` after the app's clock (`clock.ts`): a test that fixes the clock with
 * `setClock` gets the same instants on whatever day it runs.
 */
export function instantFromNow(days: number): string {
	return new Date(now().getTime() + days * DAY_MS).toISOString();
}

/** The date (YYYY-MM-DD) in the office zone `days` after the app's clock. */
export function dayFromNow(days: number): string {
	return instantToZonedDate(instantFromNow(days), 'Asia/Shanghai');
}
