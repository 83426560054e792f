import { getDb } from '$lib/server/db';
import { listMySessions, revokeMySession } from '$lib/server/auth/sessions.service';
import { actionFailure, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { sessions: await listMySessions(getDb(), actor, event.locals.session!.id) };
};

export const actions: Actions = {
	revoke: async (event) => {
		const actor = requireActor(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		try {
			await revokeMySession(getDb(), actor, id);
		} catch (e) {
			return actionFailure(e);
		}
		return { revoked: true };
	}
};
