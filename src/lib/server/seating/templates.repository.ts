import type { Layout } from '$lib/domain/seating';
import type { DB } from '../db';
import { nestedRead } from '../db/json-rows';

// A room's seating templates (layouts saved for a room) in SQL. The layout is JSON text, parsed
// here and checked again (checkLayout) by the service wherever input enters.

export interface TemplateRecord {
	id: number;
	roomId: number;
	name: string;
	layout: Layout;
	updatedAt: string;
}

const templateColumns = ['id', 'room_id', 'name', 'layout', 'updated_at'] as const;

export function toTemplate(r: {
	id: number;
	room_id: number;
	name: string;
	layout: string;
	updated_at: string;
}): TemplateRecord {
	return {
		id: r.id,
		roomId: r.room_id,
		name: r.name,
		layout: JSON.parse(r.layout) as Layout,
		updatedAt: r.updated_at
	};
}

/**
 * A room's templates by name (listTemplatesOfRoom; read nested too); none for no room
 * (`room_id = null` holds for no row — one SQL text for both, so it can be compiled once).
 */
export function templatesRead(db: DB, roomId: number | null) {
	return nestedRead(
		db
			.selectFrom('seating_templates')
			.select(templateColumns)
			.where('room_id', '=', roomId as number)
			.orderBy('name')
			.orderBy('id'),
		['updated_at']
	);
}

export async function listTemplatesOfRoom(db: DB, roomId: number): Promise<TemplateRecord[]> {
	return (await templatesRead(db, roomId).query.execute()).map(toTemplate);
}

export async function findTemplateById(db: DB, id: number): Promise<TemplateRecord | undefined> {
	const r = await db
		.selectFrom('seating_templates')
		.select(templateColumns)
		.where('id', '=', id)
		.executeTakeFirst();
	return r && toTemplate(r);
}

export async function findTemplateNamed(
	db: DB,
	roomId: number,
	name: string
): Promise<TemplateRecord | undefined> {
	const r = await db
		.selectFrom('seating_templates')
		.select(templateColumns)
		.where('room_id', '=', roomId)
		.where('name', '=', name)
		.executeTakeFirst();
	return r && toTemplate(r);
}

export async function insertTemplate(
	db: DB,
	t: { roomId: number; name: string; layout: Layout },
	by: number,
	at: string
): Promise<number> {
	const r = await db
		.insertInto('seating_templates')
		.values({
			room_id: t.roomId,
			name: t.name,
			layout: JSON.stringify(t.layout),
			updated_by: by,
			updated_at: at,
			created_at: at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Changes a template if it is still as `from` says (compare-and-set on updated_at). */
export async function updateTemplate(
	db: DB,
	id: number,
	from: string,
	t: { name: string; layout: Layout },
	by: number,
	at: string
): Promise<number> {
	const r = await db
		.updateTable('seating_templates')
		.set({ name: t.name, layout: JSON.stringify(t.layout), updated_by: by, updated_at: at })
		.where('id', '=', id)
		.where('updated_at', '=', from)
		.executeTakeFirst();
	return Number(r.numUpdatedRows);
}

export async function deleteTemplateRow(db: DB, id: number): Promise<number> {
	const r = await db.deleteFrom('seating_templates').where('id', '=', id).executeTakeFirst();
	return Number(r.numDeletedRows);
}
