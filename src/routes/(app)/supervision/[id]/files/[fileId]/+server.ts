import { getDb } from '$lib/server/db';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { getFileForDownload } from '$lib/server/supervision/files.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const file = await orHttpError(
		getFileForDownload(getDb(), actor, idParam(event.params.id), idParam(event.params.fileId))
	);
	return new Response(new Uint8Array(file.content), {
		headers: {
			'content-type': file.mime || 'application/octet-stream',
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
