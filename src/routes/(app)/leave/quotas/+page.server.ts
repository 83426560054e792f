import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { isLeaveType } from '$lib/domain/leave';
import { getDb } from '$lib/server/db';
import { formAction, formInput, orHttpError, queryParams, requirePage } from '$lib/server/http';
import { leaveQuotaKeySchema, leaveQuotaSchema } from '$lib/server/leave/quotas.schema';
import { clearLeaveQuota, listQuotas, setLeaveQuota } from '$lib/server/leave/quotas.service';
import { canManageLeave } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

/**
 * 假期额度 (the office): ?year=YYYY&type=<leave type>&department=<id>&edit=<person id> — this
 * office year and 年休假 by default; `edit` opens the form of one person.
 */
export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canManageLeave);
	const q = queryParams(event.url);
	const year = q.text('year', 8);
	if (year && !/^(20\d\d|2100)$/.test(year)) error(400, m.error_bad_query());
	const type = q.text('type', 24);
	if (type && !isLeaveType(type)) error(400, m.error_bad_query());
	const table = await orHttpError(
		listQuotas(getDb(), actor, {
			year: year ? Number(year) : null,
			type: type && isLeaveType(type) ? type : null,
			departmentId: q.id('department') ?? null
		})
	);
	const editId = q.id('edit') ?? null;
	return {
		table,
		editId,
		editing: editId === null ? null : (table.rows.find((r) => r.userId === editId) ?? null)
	};
};

export const actions: Actions = {
	save: formAction((actor, form) =>
		setLeaveQuota(getDb(), actor, formInput(form, leaveQuotaSchema))
	),
	clear: formAction((actor, form) =>
		clearLeaveQuota(getDb(), actor, formInput(form, leaveQuotaKeySchema))
	)
};
