import type { DB } from './db';
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
} as const satisfies Record<NameKind, string>;

/**
 * The names of the people, departments, rooms and meeting types audit entries name by id,
 * one query per kind. Names are read as they are now (a renamed room shows its new name).
 */
export async function findAuditNames(db: DB, entries: AuditLike[]): Promise<NameBook> {
	const refs = auditRefs(entries);
	const book = emptyNameBook();
	await Promise.all(
		(Object.keys(TABLES) as NameKind[]).map(async (kind) => {
			if (!refs[kind].length) return;
			const rows = await db
				.selectFrom(TABLES[kind])
				.select(['id', 'name'])
				.where('id', 'in', refs[kind])
				.execute();
			for (const r of rows) book[kind][String(r.id)] = r.name;
		})
	);
	return book;
}
