import { getDb } from '$lib/server/db';
import { formAction, formInput } from '$lib/server/http';
import { getDepartments } from '$lib/server/org/departments.service';
import { newPersonSchema } from '$lib/server/org/people.schema';
import { createPerson } from '$lib/server/org/users.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ departments: await getDepartments(getDb()) });

export const actions: Actions = {
	// result: { id, name, temporaryPassword } — the generated password is shown once.
	save: formAction((actor, form) => createPerson(getDb(), actor, formInput(form, newPersonSchema)))
};
