import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { downloadAttachment } from '$lib/server/meetings/attachments.service';
import { meetingIdOf } from '../../../params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const [meetingId, aid] = [meetingIdOf(event.params), idParam(event.params.aid)];
	const file = await orHttpError(downloadAttachment(getDb(), actor, meetingId, aid));
	await auditExport(getDb(), actor, {
		action: 'meeting.attachment_download',
		entity: 'meeting',
		entityId: meetingId,
		changes: { attachment: aid, file: file.fileName }
	});
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.mime,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
