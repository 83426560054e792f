import { getDb } from '$lib/server/db';
import { actionFailure, formToObject, idParam, orHttpError, requireActor } from '$lib/server/http';
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
	const id = idParam(params.id);
	return id;
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

export const actions: Actions = {
	save: async (event) => {
		const actor = requireActor(event);
		const values = formToObject(await event.request.formData(), ['roles']);
		try {
			await updatePerson(getDb(), actor, idOf(event.params), values);
		} catch (e) {
			return actionFailure(e, values);
		}
		return { saved: true };
	},
	reset: async (event) => {
		const actor = requireActor(event);
		try {
			return { temporaryPassword: await resetPassword(getDb(), actor, idOf(event.params)) };
		} catch (e) {
			return actionFailure(e);
		}
	},
	unlock: async (event) => {
		const actor = requireActor(event);
		try {
			await unlockPerson(getDb(), actor, idOf(event.params));
		} catch (e) {
			return actionFailure(e);
		}
		return { unlocked: true };
	},
	toggle: async (event) => {
		const actor = requireActor(event);
		const active = (await event.request.formData()).get('active') === 'true';
		try {
			await setPersonActive(getDb(), actor, idOf(event.params), active);
		} catch (e) {
			return actionFailure(e);
		}
		return { toggled: true };
	}
};
