import { getDb } from '$lib/server/db';
import { buildRosterWorkbook, loadRoster } from '$lib/server/duty/roster-export';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { xlsxResponse } from '$lib/server/xlsx';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const model = await orHttpError(loadRoster(getDb(), actor, idParam(event.params.id)));
	return xlsxResponse(await buildRosterWorkbook(model), `${model.title}.xlsx`, 'duty-roster.xlsx');
};
