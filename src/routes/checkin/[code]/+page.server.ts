import { getDb, type DB } from '$lib/server/db';
import { formAction, requireActor } from '$lib/server/http';
import { ForbiddenError, NotFoundError, ValidationError } from '$lib/server/errors';
import type { Actor } from '$lib/server/actor';
import { checkInWithCode, getCheckinLanding } from '$lib/server/checkin/checkin.service';
import { getSettings } from '$lib/server/settings/settings.service';
import { mySeat } from '$lib/server/seating/seating.query';
import type { Actions, PageServerLoad } from './$types';

// Opening the page never checks anyone in: chat apps fetch links to draw previews.
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const { officeName, timeZone } = await getSettings(db);
	const base = { officeName, timeZone, userName: actor.name, code: event.params.code };
	try {
		const landing = await getCheckinLanding(db, actor, event.params.code);
		// Where to sit, shown with the confirmation once a seating plan has the person.
		const seat = landing.problem ? null : await seatOf(db, actor, landing.meeting.id);
		return { ...base, ...landing, seat };
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		return {
			...base,
			meeting: null,
			problem: e.message,
			checkedIn: null,
			asDeputyFor: null,
			seat: null
		};
	}
};

/** Where the person sits; none for one the meeting does not show (the landing says why). */
async function seatOf(db: DB, actor: Actor, meetingId: number) {
	try {
		return await mySeat(db, actor, meetingId);
	} catch (e) {
		if (e instanceof NotFoundError || e instanceof ForbiddenError) return null;
		throw e;
	}
}

export const actions: Actions = {
	default: formAction((actor, _form, event) => checkInWithCode(getDb(), actor, event.params.code))
};
