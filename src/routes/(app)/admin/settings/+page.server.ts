import { getDb } from '$lib/server/db';
import { actionFailure, formToObject, requireActor } from '$lib/server/http';
import { getSettings, updateSettings } from '$lib/server/settings/settings.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ settings: await getSettings(getDb()) });

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const values = formToObject(await event.request.formData());
		try {
			await updateSettings(getDb(), actor, values);
		} catch (e) {
			return actionFailure(e, values);
		}
		return { saved: true };
	}
};
