/**
 * The directory for other modules: active people for pickers, and which named people or
 * departments are active. Other modules reach org through this service, never its repositories.
 * No permission: callers are services and queries that have checked their own.
 */
import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import {
	findActiveIds,
	findActivePeople,
	findContacts,
	type Contact,
	type DirectoryPerson
} from './directory.repository';

export type { Contact, DirectoryPerson };

/**
 * Every active person (optionally but one, or of one department), by department order and
 * precedence.
 */
export function listActivePeople(
	db: DB,
	o: { except?: number; departmentId?: number } = {}
): Promise<DirectoryPerson[]> {
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

/**
 * Active people to tell about something: these people, the heads (dept_head) of these
 * departments, the holders of these roles — each once, with their e-mail.
 */
export function listContacts(
	db: DB,
	who: { userIds?: number[]; headsOf?: number[]; roles?: Role[] }
): Promise<Contact[]> {
	return findContacts(db, who);
}
