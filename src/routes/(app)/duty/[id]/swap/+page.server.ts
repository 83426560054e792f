import { error, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { proposeSwap } from '$lib/server/duty/swaps.service';
import { swapFormOptions } from '$lib/server/duty/swaps.query';
import { proposeSwapSchema } from '$lib/server/duty/swaps.schema';
import { formAction, formInput, idParam, orHttpError, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const periodId = idParam(event.params.id);
	const assignmentId = idParam(event.url.searchParams.get('assignment') ?? '');
	const options = await orHttpError(swapFormOptions(getDb(), actor, assignmentId));
	if (options.period.id !== periodId) error(404, m.error_not_found());
	return { options };
};

export const actions: Actions = {
	default: formAction(async (actor, form) => {
		await proposeSwap(getDb(), actor, formInput(form, proposeSwapSchema));
		redirect(303, '/duty/swaps?sent=1');
	})
};
