import { getDb } from '$lib/server/db';
import { formAction, formInput, recordId, requireActor } from '$lib/server/http';
import { apiTokenSchema } from '$lib/server/api/tokens.schema';
import { createApiToken, listMyApiTokens, revokeApiToken } from '$lib/server/api/tokens.service';
import { canUseApi } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

/** API 令牌: my personal access tokens; a new one is shown once, in the action's result. */
export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { tokens: await listMyApiTokens(getDb(), actor), mayCreate: canUseApi(actor) };
};

export const actions: Actions = {
	create: formAction((actor, form) =>
		createApiToken(getDb(), actor, formInput(form, apiTokenSchema))
	),
	revoke: formAction((actor, form) => revokeApiToken(getDb(), actor, recordId(form.get('id'))))
};
