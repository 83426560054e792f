/**
 * The time the app acts at. Services and jobs read it here (never `new Date()` directly), so a
 * test can put the clock anywhere — a meeting next week, a deadline passed — without depending
 * on today's date. The running server always uses the real clock.
 */
export interface Clock {
	now(): Date;
}

const systemClock: Clock = { now: () => new Date() };
let current: Clock = systemClock;

/** The current instant. */
export function now(): Date {
	return current.now();
}

/** The current instant as an ISO string, as the database stores instants. */
export function nowIso(): string {
	return current.now().toISOString();
}

/**
 * Tests only: act as if it were `at` (a fixed instant), or follow `clock`; `null` goes back
 * to the system clock. The test files of a worker share their modules (vite.config.ts,
 * `isolate: false`): describeEachDialect puts the system clock back after every test.
 */
export function setClock(at: Date | string | Clock | null): void {
	if (at === null) current = systemClock;
	else if (typeof at === 'string' || at instanceof Date) {
		const fixed = new Date(at);
		current = { now: () => new Date(fixed) };
	} else current = at;
}
