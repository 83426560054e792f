import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { getOrCreateCalendarToken, resetCalendarToken } from '$lib/server/meetings/calendar.feed';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const token = await getOrCreateCalendarToken(getDb(), actor);
	const path = `/calendar/${token}.ics`;
	return {
		webUrl: event.url.origin + path,
		webcalUrl: `webcal://${event.url.host}${path}`,
		protocol: event.url.protocol.replace(':', '')
	};
};

export const actions: Actions = {
	reset: async (event) => {
		const actor = requireActor(event);
		await resetCalendarToken(getDb(), actor);
		return { reset: true };
	}
};
