/**
 * Requests per token per minute, counted in this process's memory (a fixed window per token):
 * with several app processes each allows the limit, which is acceptable for a guard against a
 * runaway script. API_RATE_LIMIT (requests a minute, default 600) sets it.
 */
export const WINDOW_MS = 60_000;

export function apiRateLimit(env: NodeJS.ProcessEnv = process.env): number {
	const n = Number(env.API_RATE_LIMIT);
	return Number.isInteger(n) && n > 0 ? n : 600;
}

export class RateWindows {
	#windows = new Map<number, { start: number; count: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs = WINDOW_MS
	) {}

	/** Counts one request of `key`; when over the limit, the seconds until the window ends. */
	take(key: number, nowMs: number): { ok: true } | { ok: false; retryAfter: number } {
		let w = this.#windows.get(key);
		if (!w || nowMs - w.start >= this.windowMs) {
			if (this.#windows.size > 10_000) this.#sweep(nowMs);
			w = { start: nowMs, count: 0 };
			this.#windows.set(key, w);
		}
		if (w.count >= this.limit) {
			return {
				ok: false,
				retryAfter: Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000))
			};
		}
		w.count++;
		return { ok: true };
	}

	#sweep(nowMs: number): void {
		for (const [k, w] of this.#windows)
			if (nowMs - w.start >= this.windowMs) this.#windows.delete(k);
	}
}
