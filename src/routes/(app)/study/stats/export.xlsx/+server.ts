import { error } from '@sveltejs/kit';
import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { orHttpError, requireActor } from '$lib/server/http';
import { getSettings } from '$lib/server/settings/settings.service';
import { buildStudyStatsWorkbook, studyStatsTitle } from '$lib/server/study/stats-xlsx';
import { getStudyStats } from '$lib/server/study/stats.query';
import { xlsxResponse } from '$lib/server/xlsx';
import { statsParams } from '../stats-query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const stats = await orHttpError(
		getStudyStats(db, actor, statsParams(event.url)).catch((e) => {
			if (e instanceof ValidationError) error(400, e.message);
			throw e;
		})
	);
	await auditExport(db, actor, {
		action: 'study.stats_export',
		entity: 'study',
		changes: {
			year: stats.window.year,
			month: stats.window.month,
			departmentId: stats.departmentId
		}
	});
	const { officeName } = await getSettings(db);
	const body = await buildStudyStatsWorkbook(officeName, stats);
	return xlsxResponse(body, `${studyStatsTitle(officeName, stats)}.xlsx`, 'study-statistics.xlsx');
};
