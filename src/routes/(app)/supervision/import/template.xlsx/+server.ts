import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { orHttpError, requirePage } from '$lib/server/http';
import { canManageSupervision } from '$lib/server/permissions';
import { keyTaskTemplateFile } from '$lib/server/supervision/keytasks.service';
import { xlsxResponse } from '$lib/server/xlsx';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requirePage(event, canManageSupervision);
	const body = await orHttpError(keyTaskTemplateFile(getDb(), actor));
	return xlsxResponse(body, `${m.sup_bulletin_import_title()}.xlsx`, 'key-tasks.xlsx');
};
