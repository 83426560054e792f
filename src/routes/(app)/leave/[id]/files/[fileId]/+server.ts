import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { getLeaveFileForDownload } from '$lib/server/leave/files.service';
import type { RequestHandler } from './$types';

/** A proof file of a leave request, for whoever may see the request (audited). */
export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const file = await orHttpError(
		getLeaveFileForDownload(getDb(), actor, idParam(event.params.id), idParam(event.params.fileId))
	);
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.type || 'application/octet-stream',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
