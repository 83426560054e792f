import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';
import { nowIso } from '../clock';

/** What a meeting's list of materials shows of each file (not its content). */
export interface AttachmentMeta {
	id: number;
	fileName: string;
	mime: string;
	size: number;
	uploadedAt: string;
	uploadedBy: string | null;
}

/** A meeting's materials without their content (listAttachmentMeta; read nested too). */
export function attachmentsRead(db: DB, meetingId: number) {
	return nestedRead(
		db
			.selectFrom('meeting_attachments')
			.leftJoin('users', 'users.id', 'meeting_attachments.uploaded_by')
			.select([
				'meeting_attachments.id',
				'meeting_attachments.file_name',
				'meeting_attachments.mime',
				'meeting_attachments.size',
				'meeting_attachments.uploaded_at',
				'users.name as uploaded_by_name'
			])
			.where('meeting_id', '=', meetingId)
			.orderBy('meeting_attachments.id'),
		['uploaded_at']
	);
}

export function toAttachmentMeta(r: RowOf<ReturnType<typeof attachmentsRead>>): AttachmentMeta {
	return {
		id: r.id,
		fileName: r.file_name,
		mime: r.mime,
		size: r.size,
		uploadedAt: r.uploaded_at,
		uploadedBy: r.uploaded_by_name
	};
}

export async function listAttachmentMeta(db: DB, meetingId: number): Promise<AttachmentMeta[]> {
	return (await attachmentsRead(db, meetingId).query.execute()).map(toAttachmentMeta);
}

/** One stored file of a meeting. */
export interface AttachmentFile {
	id: number;
	fileName: string;
	mime: string;
	content: Buffer;
}

export async function findAttachment(
	db: DB,
	meetingId: number,
	id: number
): Promise<AttachmentFile | undefined> {
	const r = await db
		.selectFrom('meeting_attachments')
		.select(['id', 'file_name', 'mime', 'content'])
		.where('meeting_id', '=', meetingId)
		.where('id', '=', id)
		.executeTakeFirst();
	return r && { id: r.id, fileName: r.file_name, mime: r.mime, content: r.content };
}

export async function insertAttachment(
	db: DB,
	a: { meetingId: number; fileName: string; mime: string; content: Buffer; uploadedBy: number }
): Promise<number> {
	const r = await db
		.insertInto('meeting_attachments')
		.values({
			meeting_id: a.meetingId,
			file_name: a.fileName,
			mime: a.mime,
			size: a.content.length,
			content: a.content,
			uploaded_by: a.uploadedBy,
			uploaded_at: nowIso()
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function deleteAttachmentRow(db: DB, meetingId: number, id: number) {
	const r = await db
		.deleteFrom('meeting_attachments')
		.where('meeting_id', '=', meetingId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(r.numDeletedRows) === 1;
}
