import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { loadManagedMeeting, loadVisibleMeeting } from './access';
import {
	deleteAttachmentRow,
	findAttachment,
	insertAttachment,
	listAttachmentMeta
} from './attachments.repository';
import { lockMeeting } from './meetings.repository';
import { inTransaction } from '../db/transaction';

/** Materials live in the database, so a size limit keeps backups and rows reasonable. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

type AttachmentMeta = Awaited<ReturnType<typeof listAttachmentMeta>>[number];

export function attachmentView(a: AttachmentMeta) {
	return {
		id: a.id,
		fileName: a.file_name,
		mime: a.mime,
		size: a.size,
		uploadedAt: a.uploaded_at,
		uploadedBy: a.uploaded_by_name
	};
}

export async function listAttachments(db: DB, actor: Actor, meetingId: number) {
	await loadVisibleMeeting(db, actor, meetingId);
	return (await listAttachmentMeta(db, meetingId)).map(attachmentView);
}

export async function uploadAttachment(
	db: DB,
	actor: Actor,
	meetingId: number,
	file: { name: string; type: string; bytes: Buffer }
): Promise<number> {
	const name = file.name
		.replace(/[\\/\r\n]/g, '_')
		.trim()
		.slice(0, 200);
	if (!name || file.bytes.length === 0)
		throw new ValidationError({ file: m.attachment_err_empty() });
	if (file.bytes.length > MAX_ATTACHMENT_BYTES) {
		throw new ValidationError({
			file: m.attachment_err_size({ mb: MAX_ATTACHMENT_BYTES / 1048576 })
		});
	}
	return inTransaction(db, async (trx) => {
		await loadManagedMeeting(trx, actor, meetingId);
		// The count spans rows: uploads to one meeting take turns, or all would see a free place.
		await lockMeeting(trx, meetingId);
		if ((await listAttachmentMeta(trx, meetingId)).length >= MAX_ATTACHMENTS) {
			throw new ValidationError({ file: m.attachment_err_count({ max: MAX_ATTACHMENTS }) });
		}
		const id = await insertAttachment(trx, {
			meetingId,
			fileName: name,
			mime: (file.type || 'application/octet-stream').slice(0, 100),
			content: file.bytes,
			uploadedBy: actor.id
		});
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.attachment_add',
			entity: 'meeting',
			entityId: meetingId,
			changes: { file: name, size: file.bytes.length }
		});
		return id;
	});
}

export async function downloadAttachment(db: DB, actor: Actor, meetingId: number, id: number) {
	await loadVisibleMeeting(db, actor, meetingId);
	const a = await findAttachment(db, meetingId, id);
	if (!a) throw new NotFoundError();
	return { fileName: a.file_name, mime: a.mime, content: a.content };
}

export async function removeAttachment(db: DB, actor: Actor, meetingId: number, id: number) {
	await inTransaction(db, async (trx) => {
		await loadManagedMeeting(trx, actor, meetingId);
		const a = await findAttachment(trx, meetingId, id);
		if (!a || !(await deleteAttachmentRow(trx, meetingId, id))) throw new NotFoundError();
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'meeting.attachment_remove',
			entity: 'meeting',
			entityId: meetingId,
			changes: { file: a.file_name }
		});
	});
}
