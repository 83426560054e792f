import { getDb } from '$lib/server/db';
import { addUnavailability, removeUnavailability } from '$lib/server/duty/pools.service';
import { getUnavailability } from '$lib/server/duty/roster.query';
import { unavailabilitySchema } from '$lib/server/duty/roster.schema';
import { formAction, formInput, orHttpError, recordId, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return orHttpError(getUnavailability(getDb(), actor));
};

export const actions: Actions = {
	add: formAction((actor, f) =>
		addUnavailability(getDb(), actor, formInput(f, unavailabilitySchema))
	),
	remove: formAction((actor, f) => removeUnavailability(getDb(), actor, recordId(f.get('id'))))
};
