import type { DB } from './db';
import { findNamesByIds, type NamedTable } from './audit.repository';
import {
	auditRefs,
	emptyNameBook,
	type AuditLike,
	type NameBook,
	type NameKind
} from '$lib/audit-labels';

const TABLES = {
	users: 'users',
	departments: 'departments',
	rooms: 'rooms',
	meetingTypes: 'meeting_types'
} as const satisfies Record<NameKind, NamedTable>;

/**
 * The names of the people, departments, rooms and meeting types audit entries name by id,
 * one query per kind. Names are read as they are now (a renamed room shows its new name).
 */
export async function findAuditNames(db: DB, entries: AuditLike[]): Promise<NameBook> {
	const refs = auditRefs(entries);
	const book = emptyNameBook();
	await Promise.all(
		(Object.keys(TABLES) as NameKind[]).map(async (kind) => {
			const names = await findNamesByIds(db, TABLES[kind], refs[kind]);
			for (const [id, name] of names) book[kind][String(id)] = name;
		})
	);
	return book;
}
