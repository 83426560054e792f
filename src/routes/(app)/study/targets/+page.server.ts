import { getDb } from '$lib/server/db';
import { formAction, formInput, recordId, requirePage } from '$lib/server/http';
import { ROLES } from '$lib/domain/roles';
import { canKeepStudyRecords, canManageStudy } from '$lib/server/permissions';
import { studyTargetSchema } from '$lib/server/study/targets.schema';
import {
	deleteStudyTarget,
	getStudyTargets,
	setStudyTarget
} from '$lib/server/study/targets.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePage(event, canManageStudy);
	// The roles a target can be set for: those who keep study records.
	const roles = ROLES.filter((r) => canKeepStudyRecords({ roles: [r] }));
	return { targets: await getStudyTargets(getDb()), roles };
};

export const actions: Actions = {
	save: formAction((actor, form) =>
		setStudyTarget(getDb(), actor, formInput(form, studyTargetSchema))
	),
	delete: formAction((actor, form) => deleteStudyTarget(getDb(), actor, recordId(form.get('id'))))
};
