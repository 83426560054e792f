import type { DB } from './connect';

// What every page reads and seldom changes — the departments, the supervision terms, a viewer's
// department — kept per process and per database while the change stamp a request read
// (event.locals.stamp, see stamp.ts) stays the same: any write moves the stamp, so nothing is
// ever served past a change. Without a stamp (scripts, tests, the scheduler) nothing is kept.
// Issues 10 and 11 (督办 and leave at scale): a round trip fewer for each value a page reads.

/** Where the caller read the change stamp: a route passes `event.locals`. */
export interface ReadAt {
	stamp?: number | null;
}

interface Steady {
	stamp: number;
	values: Map<string, Promise<unknown>>;
}

const steady = new WeakMap<DB, Steady>();

function steadyAt(db: DB, at: ReadAt | undefined): Steady | undefined {
	const stamp = at?.stamp;
	if (stamp == null) return undefined;
	const s = steady.get(db);
	if (s && s.stamp === stamp) return s;
	// A request that read an older stamp than the one kept reads past the cache.
	if (s && s.stamp > stamp) return undefined;
	const fresh: Steady = { stamp, values: new Map() };
	steady.set(db, fresh);
	return fresh;
}

/**
 * `load()` once per stamp and key (e.g. 'departments', `departmentOf:${userId}`); a failed load
 * is not kept. Keys name what is loaded, so two read models asking for the same value share it.
 */
export function keptWhileSteady<T>(
	db: DB,
	at: ReadAt | undefined,
	key: string,
	load: () => Promise<T>
): Promise<T> {
	const s = steadyAt(db, at);
	if (!s) return load();
	const kept = s.values.get(key) as Promise<T> | undefined;
	if (kept) return kept;
	const p = load();
	s.values.set(key, p);
	p.catch(() => {
		if (s.values.get(key) === p) s.values.delete(key);
	});
	return p;
}
