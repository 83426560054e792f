import { getDb } from '$lib/server/db';
import { formAction, formInput, idParam, orHttpError, requireActor } from '$lib/server/http';
import { personSchema } from '$lib/server/org/people.schema';
import { getDepartments } from '$lib/server/org/departments.service';
import {
	getPerson,
	personLockedUntil,
	resetPassword,
	setPersonActive,
	unlockPerson,
	updatePerson
} from '$lib/server/org/users.service';
import type { Actions, PageServerLoad } from './$types';

function idOf(params: { id: string }): number {
	return idParam(params.id);
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const person = await orHttpError(getPerson(db, actor, idOf(event.params)));
	return {
		person,
		lockedUntil: await personLockedUntil(db, actor, person.id),
		departments: await getDepartments(db)
	};
};

// The page tells the answers apart by `done`, the `_done` each form posts; `reset` answers the
// generated password, shown once.
export const actions: Actions = {
	save: formAction((actor, form, event) =>
		updatePerson(getDb(), actor, idOf(event.params), formInput(form, personSchema))
	),
	reset: formAction((actor, _form, event) => resetPassword(getDb(), actor, idOf(event.params))),
	unlock: formAction((actor, _form, event) => unlockPerson(getDb(), actor, idOf(event.params))),
	toggle: formAction((actor, form, event) =>
		setPersonActive(getDb(), actor, idOf(event.params), form.get('active') === 'true')
	)
};
