import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { downloadAttachment } from '$lib/server/meetings/attachments.service';
import { meetingIdOf } from '../../../params';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const file = await orHttpError(
		downloadAttachment(getDb(), actor, meetingIdOf(event.params), Number(event.params.aid) || 0)
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
