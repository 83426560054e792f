import { getDb } from '$lib/server/db';
import { addUnavailability, removeUnavailability } from '$lib/server/duty/roster.service';
import { getUnavailability } from '$lib/server/duty/roster.query';
import { unavailabilitySchema } from '$lib/server/duty/roster.schema';
import { formAction, formInput, orHttpError, recordId, requireActor } from '$lib/server/http';
import { withInitials } from '$lib/server/person-initials';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const { entries, people } = await orHttpError(getUnavailability(getDb(), actor));
	// Pinyin initials for the PersonPicker's search.
	return { entries, people: withInitials(people) };
};

export const actions: Actions = {
	add: formAction((actor, f) =>
		addUnavailability(getDb(), actor, formInput(f, unavailabilitySchema))
	),
	remove: formAction((actor, f) => removeUnavailability(getDb(), actor, recordId(f.get('id'))))
};
