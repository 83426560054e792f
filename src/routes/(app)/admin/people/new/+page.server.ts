import { getDb } from '$lib/server/db';
import { actionFailure, formToObject, requireActor } from '$lib/server/http';
import { getDepartments } from '$lib/server/org/departments.service';
import { createPerson } from '$lib/server/org/users.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ departments: await getDepartments(getDb()) });

export const actions: Actions = {
	save: async (event) => {
		const actor = requireActor(event);
		const values = formToObject(await event.request.formData(), ['roles']);
		try {
			const r = await createPerson(getDb(), actor, values);
			return {
				created: { id: r.id, name: String(values.name), temporaryPassword: r.temporaryPassword }
			};
		} catch (e) {
			return actionFailure(e, values);
		}
	}
};
