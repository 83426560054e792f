/**
 * Proof files of a leave request (医院证明, 结婚证 …): whoever may see the request may download
 * them, and each download is audited (leave.file_download); anyone else is told nothing exists.
 */
import type { Actor } from '../actor';
import { auditExport } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { NotFoundError } from '../errors';
import { leaveViewer, loadVisibleLeave } from './requests.access';
import { findLeaveFile } from './requests.repository';
import { officeDate } from '../settings/settings.service';

export async function getLeaveFileForDownload(
	db: DB,
	actor: Actor,
	requestId: number,
	fileId: number
): Promise<{ name: string; type: string; content: Buffer }> {
	const today = await officeDate(db, clock.nowIso());
	await loadVisibleLeave(db, await leaveViewer(db, actor), requestId, today);
	const f = await findLeaveFile(db, requestId, fileId);
	if (!f) throw new NotFoundError();
	await auditExport(db, actor, {
		action: 'leave.file_download',
		entity: 'leave',
		entityId: requestId,
		changes: { fileId, name: f.name }
	});
	return { name: f.name, type: f.type, content: f.content };
}
