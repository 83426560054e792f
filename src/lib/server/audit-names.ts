import type { DB } from './db';
import { auditRefs, emptyNameBook, type AuditLike, type NameBook } from '$lib/audit-labels';

/**
 * The names of the people, departments, rooms and meeting types audit entries name by id,
 * one query per kind. Names are read as they are now (a renamed room shows its new name).
 */
export async function findAuditNames(db: DB, entries: AuditLike[]): Promise<NameBook> {
	const refs = auditRefs(entries);
	const book = emptyNameBook();
	const fill = (kind: keyof NameBook, rows: { id: number; name: string }[]) => {
		for (const r of rows) book[kind][String(r.id)] = r.name;
	};
	const [users, departments, rooms, types] = await Promise.all([
		refs.users.length
			? db.selectFrom('users').select(['id', 'name']).where('id', 'in', refs.users).execute()
			: [],
		refs.departments.length
			? db
					.selectFrom('departments')
					.select(['id', 'name'])
					.where('id', 'in', refs.departments)
					.execute()
			: [],
		refs.rooms.length
			? db.selectFrom('rooms').select(['id', 'name']).where('id', 'in', refs.rooms).execute()
			: [],
		refs.meetingTypes.length
			? db
					.selectFrom('meeting_types')
					.select(['id', 'name'])
					.where('id', 'in', refs.meetingTypes)
					.execute()
			: []
	]);
	fill('users', users);
	fill('departments', departments);
	fill('rooms', rooms);
	fill('meetingTypes', types);
	return book;
}
