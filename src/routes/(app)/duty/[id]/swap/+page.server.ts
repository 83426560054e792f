import { error, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { proposeSwap } from '$lib/server/duty/swaps.propose';
import { swapFormOptions } from '$lib/server/duty/swaps.query';
import { actionFailure, formToObject, orHttpError, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

function positiveId(v: string | null): number {
	const id = Number(v);
	if (!Number.isInteger(id) || id <= 0) error(404, m.error_not_found());
	return id;
}

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const periodId = positiveId(event.params.id);
	const assignmentId = positiveId(event.url.searchParams.get('assignment'));
	const options = await orHttpError(swapFormOptions(getDb(), actor, assignmentId));
	if (options.period.id !== periodId) error(404, m.error_not_found());
	return { options };
};

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const values = formToObject(await event.request.formData());
		try {
			await proposeSwap(getDb(), actor, values);
		} catch (e) {
			return actionFailure(e, values);
		}
		redirect(303, '/duty/swaps?sent=1');
	}
};
