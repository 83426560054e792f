import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '$lib/server/actor';
import { getDb } from '$lib/server/db';
import { formAction, formInput, idParam, orHttpError, requireActor } from '$lib/server/http';
import { leaveDetailPage } from '$lib/server/leave/requests.query';
import { leaveDecisionSchema, leaveReturnSchema } from '$lib/server/leave/requests.schema';
import {
	cancelLeave,
	decideLeave,
	reportReturn,
	withdrawLeave
} from '$lib/server/leave/requests.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return orHttpError(leaveDetailPage(getDb(), actor, idParam(event.params.id)));
};

function act(work: (actor: Actor, id: number, form: FormData) => Promise<unknown>) {
	return formAction((actor, form, event: RequestEvent) =>
		work(actor, idParam(event.params.id), form)
	);
}

export const actions: Actions = {
	decide: act((actor, id, f) => decideLeave(getDb(), actor, id, formInput(f, leaveDecisionSchema))),
	withdraw: act((actor, id) => withdrawLeave(getDb(), actor, id)),
	cancel: act((actor, id) => cancelLeave(getDb(), actor, id)),
	report: act((actor, id, f) => reportReturn(getDb(), actor, id, formInput(f, leaveReturnSchema)))
};
