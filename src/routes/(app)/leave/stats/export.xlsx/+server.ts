import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { buildLeaveStatsWorkbook, leaveStatsTitle } from '$lib/server/leave/stats-xlsx';
import { leaveStats } from '$lib/server/leave/stats.query';
import { getSettings } from '$lib/server/settings/settings.service';
import { xlsxResponse } from '$lib/server/xlsx';
import { statsParams } from '../stats-query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const stats = await orHttpError(leaveStats(db, actor, statsParams(event.url)));
	await auditExport(db, actor, {
		action: 'leave.export',
		entity: 'leave',
		changes: { year: stats.year, departmentId: stats.departmentId, people: stats.people.length }
	});
	const { officeName } = await getSettings(db);
	const body = await buildLeaveStatsWorkbook(officeName, stats);
	return xlsxResponse(
		body,
		`${leaveStatsTitle(officeName, stats)}.xlsx`,
		`leave-statistics-${stats.year}.xlsx`
	);
};
