import type { Compilable, CompiledQuery } from 'kysely';
import { dialectOfDb, type DB, type DialectName } from './connect';

// A statement whose SQL is the same on every run, only its values change, built and compiled
// by Kysely once per dialect and then run with each call's values put in. Kysely builds a query
// as a tree of frozen nodes and compiles the tree to SQL on every run; for the statements every
// page makes (the session's) and the large ones a page is one of (the seating plan's five reads
// in one) that was the costliest JavaScript of the request after rendering: measured on the
// plan page, 8 % of its time for its statement and 3 % for the session's.
//
// The builder is called once, with stand-ins for the values: it must pass them to Kysely as
// they are (`where('id', '=', v.id)`) and never look at them — no `if (v.x)`, no `v.x ?? 1`, no
// arithmetic. A stand-in that does not reach the statement's parameters is refused when the
// statement is first compiled, and one used as a number or a string throws at once; a branch
// on a stand-in cannot be caught, so a builder has none.

/** The value a call gives for `name`, in the parameters of the statement compiled once. */
class StandIn {
	constructor(readonly name: string) {}
	[Symbol.toPrimitive](): never {
		throw new Error(
			`compiledOnce: the value "${this.name}" was used in the builder, not passed to the query`
		);
	}
}

interface Prepared<T> {
	compiled: CompiledQuery;
	/** For each parameter: the name of the value put there, or null to keep the compiled one. */
	slots: (string | null)[];
	built: T;
}

type Row<T> = T extends { query: Compilable<infer R> } ? R : never;

/**
 * A statement compiled once per dialect. `build(db, values)` gives `{ query, ...more }`: the
 * query, and whatever else the caller needs to read its rows (kept from the one build). The
 * returned function runs it with the values given: `{ rows, built }`.
 */
export function compiledOnce<
	V extends Record<string, unknown>,
	T extends { query: Compilable<unknown> }
>(build: (db: DB, values: V) => T): (db: DB, values: V) => Promise<{ rows: Row<T>[]; built: T }> {
	const byDialect = new Map<DialectName, Prepared<T>>();
	const prepare = (db: DB, values: V): Prepared<T> => {
		const names = Object.keys(values);
		const standIns = Object.fromEntries(names.map((n) => [n, new StandIn(n)]));
		const built = build(db, standIns as V);
		const compiled = built.query.compile();
		const slots = compiled.parameters.map((p) => (p instanceof StandIn ? p.name : null));
		const missing = names.filter((n) => !slots.includes(n));
		if (missing.length)
			throw new Error(
				`compiledOnce: ${missing.map((n) => `"${n}"`).join(', ')} not in the statement's ` +
					'parameters (pass each value to the query as it is)'
			);
		return { compiled, slots, built };
	};
	return async (db, values) => {
		const dialect = dialectOfDb(db);
		let prepared = byDialect.get(dialect);
		if (!prepared) byDialect.set(dialect, (prepared = prepare(db, values)));
		const { compiled, slots, built } = prepared;
		const parameters = compiled.parameters.map((p, i) => {
			const name = slots[i];
			return name === null ? p : values[name];
		});
		const result = await db.executeQuery<Row<T>>({ ...compiled, parameters });
		return { rows: result.rows, built };
	};
}
