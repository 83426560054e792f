import { getDb } from '$lib/server/db';
import { formAction, formInput, requirePage } from '$lib/server/http';
import { canManageSupervision, canSeeAllSupervision } from '$lib/server/permissions';
import { supervisionSettingsSchema, TERM_RANGES } from '$lib/server/supervision/terms.schema';
import {
	getSupervisionSettings,
	saveSupervisionSettings,
	settingsFormValues
} from '$lib/server/supervision/terms.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canManageSupervision);
	return {
		values: settingsFormValues(await getSupervisionSettings(getDb())),
		canSeeAll: canSeeAllSupervision(actor),
		ranges: TERM_RANGES
	};
};

export const actions: Actions = {
	// result: the names of the changed fields ([] when nothing changed)
	default: formAction((actor, form) =>
		saveSupervisionSettings(getDb(), actor, formInput(form, supervisionSettingsSchema))
	)
};
