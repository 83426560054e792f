/**
 * The directory for other modules: active people for pickers, and which named people or
 * departments are active. Other modules reach org through this service, never its repositories.
 * No permission: callers are services and queries that have checked their own.
 */
import type { DB } from '../db';
import { findActiveIds, findActivePeople, type DirectoryPerson } from './directory.repository';

export type { DirectoryPerson };

/** Every active person (optionally but one), by department order and precedence. */
export function listActivePeople(db: DB, o: { except?: number } = {}): Promise<DirectoryPerson[]> {
	return findActivePeople(db, o);
}

/** Which of these people or departments exist and are active. */
export function activeIdsAmong(
	db: DB,
	table: 'users' | 'departments',
	ids: number[]
): Promise<Set<number>> {
	return findActiveIds(db, table, ids);
}
