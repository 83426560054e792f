import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit } from '../audit';
import type { DB } from '../db';
import { NotFoundError, ValidationError } from '../errors';
import { loadManagedMeeting, loadVisibleMeeting } from './access';
import {
	deleteAttachmentRow,
	findAttachment,
	insertAttachment,
	listAttachmentMeta,
	type AttachmentMeta
} from './attachments.repository';
import { lockMeeting } from './meetings.repository';
import {
	attachmentRemovalSchema,
	parseRecordRef,
	type AttachmentRemovalInput
} from './meetings.schema';
import { inTransaction } from '../db/transaction';

/** Materials live in the database, so a size limit keeps backups and rows reasonable. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

export type { AttachmentMeta } from './attachments.repository';

export async function listAttachments(
	db: DB,
	actor: Actor,
	meetingId: number
): Promise<AttachmentMeta[]> {
	await loadVisibleMeeting(db, actor, meetingId);
	return listAttachmentMeta(db, meetingId);
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
		await audit(trx, actor, 'meeting.attachment_add', 'meeting', meetingId, {
			file: name,
			size: file.bytes.length
		});
		return id;
	});
}

export async function downloadAttachment(db: DB, actor: Actor, meetingId: number, id: number) {
	await loadVisibleMeeting(db, actor, meetingId);
	const a = await findAttachment(db, meetingId, id);
	if (!a) throw new NotFoundError();
	return { fileName: a.fileName, mime: a.mime, content: a.content };
}

export async function removeAttachment(
	db: DB,
	actor: Actor,
	meetingId: number,
	input: AttachmentRemovalInput
) {
	const { attachmentId: id } = parseRecordRef(attachmentRemovalSchema, input);
	await inTransaction(db, async (trx) => {
		await loadManagedMeeting(trx, actor, meetingId);
		const a = await findAttachment(trx, meetingId, id);
		if (!a || !(await deleteAttachmentRow(trx, meetingId, id))) throw new NotFoundError();
		await audit(trx, actor, 'meeting.attachment_remove', 'meeting', meetingId, {
			file: a.fileName
		});
	});
}
