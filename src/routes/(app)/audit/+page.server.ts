import { getDb } from '$lib/server/db';
import { formAction, formInput, orHttpError, queryParams, requireActor } from '$lib/server/http';
import { searchAuditLog } from '$lib/server/audit.service';
import { findAuditNames } from '$lib/server/audit-names';
import * as m from '$lib/paraglide/messages';
import { exportPeriodProblems, findExportKey, MAX_EXPORT_ROWS } from '$lib/server/audit-export';
import {
	getRetentionMonths,
	MIN_RETENTION_MONTHS,
	retentionSchema,
	setRetentionMonths
} from '$lib/server/audit-retention';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const q = queryParams(event.url);
	const filter = {
		actor: q.text('actor', 64),
		action: q.text('action', 64),
		entity: q.text('entity', 40),
		entityId: q.text('entityId', 40),
		fromDate: q.date('from') ?? '',
		toDate: q.date('to') ?? ''
	};
	const page = q.page();
	const result = await orHttpError(
		searchAuditLog(getDb(), actor, {
			actor: filter.actor || undefined,
			action: filter.action || undefined,
			entity: filter.entity || undefined,
			entityId: filter.entityId || undefined,
			fromDate: filter.fromDate || undefined,
			toDate: filter.toDate || undefined,
			page,
			pageSize: PAGE_SIZE
		})
	);
	// People, departments and rooms by name: the auditor reads "张三", not "user #8".
	const names = await findAuditNames(getDb(), result.entries);
	// An export refused for its period comes back here with the dates it asked for.
	const exportPeriod = { from: q.text('xfrom', 10), to: q.text('xto', 10) };
	const xerr = q.text('xerr', 1);
	const exportErrors: Record<string, string> =
		xerr === 'n'
			? { from: m.audit_err_export_too_many({ max: MAX_EXPORT_ROWS }) }
			: xerr
				? exportPeriodProblems(exportPeriod)
				: {};
	return {
		...result,
		names,
		filter,
		page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
		exportPeriod,
		exportErrors,
		exportKey: await findExportKey(getDb()),
		retentionMonths: await getRetentionMonths(getDb()),
		minRetentionMonths: MIN_RETENTION_MONTHS
	};
};

export const actions: Actions = {
	retention: formAction((actor, form) =>
		setRetentionMonths(getDb(), actor, formInput(form, retentionSchema))
	)
};
