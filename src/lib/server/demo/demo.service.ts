import type { Actor } from '../actor';
import type { DB } from '../db';

/** Loads the demo bureau; written by the demo-data work. */
export async function loadDemoOrganisation(db: DB, actor: Actor): Promise<{ departments: number; people: number }> {
	void db;
	void actor;
	return { departments: 0, people: 0 };
}
