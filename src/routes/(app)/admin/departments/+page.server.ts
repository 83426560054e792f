import { getDb } from '$lib/server/db';
import { actionFailure, formToObject, requireActor } from '$lib/server/http';
import {
	createDepartment,
	getDepartments,
	setDepartmentActive,
	updateDepartment
} from '$lib/server/org/departments.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const departments = await getDepartments(getDb());
	const editId = Number(url.searchParams.get('edit'));
	return { departments, editing: departments.find((d) => d.id === editId) ?? null };
};

export const actions: Actions = {
	save: async (event) => {
		const actor = requireActor(event);
		const values = formToObject(await event.request.formData());
		const id = Number(values.id);
		try {
			if (id) await updateDepartment(getDb(), actor, id, values);
			else await createDepartment(getDb(), actor, values);
		} catch (e) {
			return actionFailure(e, values);
		}
		return { saved: String(values.name) };
	},
	toggle: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		try {
			await setDepartmentActive(
				getDb(),
				actor,
				Number(form.get('id')),
				form.get('active') === 'true'
			);
		} catch (e) {
			return actionFailure(e);
		}
		return { toggled: true };
	}
};
