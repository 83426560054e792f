import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { buildRosterWorkbook, loadRoster } from '$lib/server/duty/roster.export';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import { xlsxResponse } from '$lib/server/xlsx';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const id = idParam(event.params.id);
	const model = await orHttpError(loadRoster(getDb(), actor, id));
	await auditExport(getDb(), actor, { action: 'duty.export', entity: 'duty_period', entityId: id });
	return xlsxResponse(await buildRosterWorkbook(model), `${model.title}.xlsx`, 'duty-roster.xlsx');
};
