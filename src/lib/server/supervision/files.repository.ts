import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';

// Files of an item: the leader's instruction (feedback_id null) and feedback attachments.

export interface SupervisionFile {
	id: number;
	itemId: number;
	feedbackId: number | null;
	fileName: string;
	mime: string;
	size: number;
	uploadedBy: number;
	uploadedAt: string;
}

export interface NewFile {
	itemId: number;
	feedbackId: number | null;
	fileName: string;
	mime: string;
	content: Buffer;
	uploadedBy: number;
	uploadedAt: string;
}

export async function insertFile(db: DB, f: NewFile): Promise<number> {
	const r = await db
		.insertInto('supervision_files')
		.values({
			item_id: f.itemId,
			feedback_id: f.feedbackId,
			file_name: f.fileName,
			mime: f.mime,
			size: f.content.length,
			content: f.content,
			uploaded_by: f.uploadedBy,
			uploaded_at: f.uploadedAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** The item's files without their bytes, oldest first. */
/** The item's files, without their bytes (listFiles; the item page reads them nested). */
export function filesRead(db: DB, itemId: number) {
	return nestedRead(
		db
			.selectFrom('supervision_files')
			.select([
				'id',
				'item_id',
				'feedback_id',
				'file_name',
				'mime',
				'size',
				'uploaded_by',
				'uploaded_at'
			])
			.where('item_id', '=', itemId)
			.orderBy('id'),
		['uploaded_at']
	);
}

export function toSupervisionFile(r: RowOf<ReturnType<typeof filesRead>>): SupervisionFile {
	return {
		id: r.id,
		itemId: r.item_id,
		feedbackId: r.feedback_id,
		fileName: r.file_name,
		mime: r.mime,
		size: r.size,
		uploadedBy: r.uploaded_by,
		uploadedAt: r.uploaded_at
	};
}

export async function listFiles(db: DB, itemId: number): Promise<SupervisionFile[]> {
	return (await filesRead(db, itemId).query.execute()).map(toSupervisionFile);
}

/** One file with its bytes, if it belongs to the item. */
export async function findFile(db: DB, itemId: number, fileId: number) {
	const r = await db
		.selectFrom('supervision_files')
		.select(['id', 'file_name', 'mime', 'size', 'content'])
		.where('id', '=', fileId)
		.where('item_id', '=', itemId)
		.executeTakeFirst();
	return r
		? { id: r.id, fileName: r.file_name, mime: r.mime, size: r.size, content: r.content }
		: undefined;
}
