import { getDb } from '$lib/server/db';
import { formAction, formInput, requirePage } from '$lib/server/http';
import { leaveTypeRulesSchema } from '$lib/server/leave/types.schema';
import { canConfigureApprovals } from '$lib/server/permissions';
import { getLeaveTypeRules, saveLeaveTypeRules } from '$lib/server/leave/types.service';
import type { Actions, PageServerLoad } from './$types';

/** 假别设置: the administrator's table of leave type rules. */
export const load: PageServerLoad = async (event) => {
	requirePage(event, canConfigureApprovals);
	return { rules: await getLeaveTypeRules(getDb()) };
};

export const actions: Actions = {
	save: formAction((actor, form) =>
		saveLeaveTypeRules(getDb(), actor, formInput(form, leaveTypeRulesSchema))
	)
};
