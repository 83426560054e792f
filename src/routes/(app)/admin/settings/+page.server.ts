import { getDb } from '$lib/server/db';
import { formAction, formInput } from '$lib/server/http';
import { settingsSchema } from '$lib/server/settings/settings.schema';
import { getSettings, updateSettings } from '$lib/server/settings/settings.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ settings: await getSettings(getDb()) });

export const actions: Actions = {
	default: formAction((actor, form) =>
		updateSettings(getDb(), actor, formInput(form, settingsSchema))
	)
};
