import { getDb } from '$lib/server/db';
import { sessionRevokeSchema } from '$lib/server/auth/auth.schema';
import { listMySessions, revokeMySession } from '$lib/server/auth/sessions.service';
import { formAction, formInput, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { sessions: await listMySessions(getDb(), actor, event.locals.session!.id) };
};

export const actions: Actions = {
	revoke: formAction(async (actor, form) => {
		const { id = '' } = formInput(form, sessionRevokeSchema);
		await revokeMySession(getDb(), actor, id);
	})
};
