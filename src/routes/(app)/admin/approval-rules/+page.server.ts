import { getDb } from '$lib/server/db';
import { formAction, formInput, requirePage } from '$lib/server/http';
import { canConfigureApprovals } from '$lib/server/permissions';
import { ValidationError } from '$lib/server/errors';
import * as m from '$lib/paraglide/messages';
import {
	getApprovalRules,
	getPrincipalLeaderId,
	isDefaultApprovalRules,
	principalLeaderChoices,
	restoreDefaultApprovalRules,
	saveApprovalRules,
	setPrincipalLeader
} from '$lib/server/approval/rules.service';
import { approvalRulesFormSchema, principalLeaderSchema } from '$lib/server/approval/rules.schema';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePage(event, canConfigureApprovals);
	const db = getDb();
	const [rules, isDefault, principalLeaderId, leaders] = await Promise.all([
		getApprovalRules(db, 'leave'),
		isDefaultApprovalRules(db, 'leave'),
		getPrincipalLeaderId(db),
		principalLeaderChoices(db)
	]);
	return { rules, isDefault, principalLeaderId, leaders };
};

/** The table as the editor posts it: JSON of its rows. */
function postedRules(form: FormData): unknown[] {
	const { rules } = formInput(form, approvalRulesFormSchema);
	try {
		const rows: unknown = JSON.parse(rules ?? '[]');
		if (Array.isArray(rows)) return rows;
	} catch {
		// Reported below.
	}
	throw new ValidationError({ rules: m.approval_err_rules_empty() });
}

export const actions: Actions = {
	save: formAction((actor, form) =>
		saveApprovalRules(getDb(), actor, 'leave', postedRules(form) as never)
	),
	restore: formAction((actor) => restoreDefaultApprovalRules(getDb(), actor, 'leave')),
	principal: formAction((actor, form) =>
		setPrincipalLeader(getDb(), actor, formInput(form, principalLeaderSchema))
	)
};
