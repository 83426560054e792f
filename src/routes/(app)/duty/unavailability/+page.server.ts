import { getDb } from '$lib/server/db';
import {
	addUnavailability,
	getUnavailability,
	removeUnavailability
} from '$lib/server/duty/availability.service';
import { formAction, formToObject, orHttpError, recordId, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return orHttpError(getUnavailability(getDb(), actor));
};

export const actions: Actions = {
	add: formAction((actor, f) => addUnavailability(getDb(), actor, formToObject(f))),
	remove: formAction((actor, f) => removeUnavailability(getDb(), actor, recordId(f.get('id'))))
};
