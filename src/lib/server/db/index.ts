import { building } from '$app/environment';
import { readConfig } from '../config';
import { connect, type DB } from './connect';

export type { DB } from './connect';
export type Executor = DB;

let instance: DB | undefined;

/** The one Kysely instance of this process. */
export function getDb(): DB {
	if (building) throw new Error('database is not available while building');
	if (!instance) instance = connect(readConfig());
	return instance;
}

export async function closeDb(): Promise<void> {
	const db = instance;
	instance = undefined;
	if (db) await db.destroy();
}
