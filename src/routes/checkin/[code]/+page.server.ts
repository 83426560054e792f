import { getDb } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http';
import { ValidationError } from '$lib/server/errors';
import { checkInWithCode, getCheckinLanding } from '$lib/server/checkin/checkin.service';
import { getSettings } from '$lib/server/settings/settings.service';
import type { Actions, PageServerLoad } from './$types';

// Opening the page never checks anyone in: chat apps fetch links to draw previews.
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const { officeName, timeZone } = await getSettings(db);
	const base = { officeName, timeZone, userName: actor.name, code: event.params.code };
	try {
		return { ...base, ...(await getCheckinLanding(db, actor, event.params.code)) };
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return { ...base, meeting: null, problem: e.message, checkedIn: null, asDeputyFor: null };
	}
};

export const actions: Actions = {
	default: formAction((actor, _form, event) => checkInWithCode(getDb(), actor, event.params.code))
};
