import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { downloadAttachment } from '$lib/server/meetings/attachments.service';
import { meetingIdOf } from '../../../params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const file = await orHttpError(
		downloadAttachment(getDb(), actor, meetingIdOf(event.params), idParam(event.params.aid))
	);
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.mime,
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
