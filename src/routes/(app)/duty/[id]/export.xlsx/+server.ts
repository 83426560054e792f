import { getDb } from '$lib/server/db';
import { buildRosterWorkbook, loadRoster } from '$lib/server/duty/roster-export';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const model = await orHttpError(loadRoster(getDb(), actor, idParam(event.params.id)));
	// RFC 5987: an ASCII name for old clients, the Chinese one (UTF-8, percent-encoded) for the rest.
	const name = encodeURIComponent(`${model.title}.xlsx`.replace(/[\\/:*?"<>|]/g, '-'));
	return new Response(new Uint8Array(await buildRosterWorkbook(model)), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="duty-roster.xlsx"; filename*=UTF-8''${name}`,
			'cache-control': 'no-store'
		}
	});
};
