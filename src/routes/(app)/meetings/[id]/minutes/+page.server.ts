import { getDb } from '$lib/server/db';
import { redirect } from '@sveltejs/kit';
import { formAction, formInput, orHttpError, recordId, requireActor } from '$lib/server/http';
import { minutesSupervision } from '$lib/server/supervision/decisions.query';
import { registerFromDecision } from '$lib/server/supervision/registration.service';
import { minutesDraftSchema, minutesReturnSchema } from '$lib/server/minutes/minutes.schema';
import {
	approveMinutes,
	issueMinutes,
	returnMinutes,
	saveAndSubmitMinutes,
	saveMinutesDraft
} from '$lib/server/minutes/minutes.service';
import { getMinutes } from '$lib/server/minutes/minutes.query';
import type { Actor } from '$lib/server/actor';
import { meetingIdOf } from '../../params';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const view = await orHttpError(getMinutes(db, actor, meetingIdOf(event.params)));
	const supervision = await minutesSupervision(db, actor, {
		status: view.minutes?.status ?? null,
		decisions: view.decisions
	});
	return { ...view, supervision };
};

/**
 * A form action on this meeting's minutes: the service gets the actor, the meeting's id and the
 * form; a success says which step was done (the page's message), whichever button posted.
 */
function act(done: string, work: (actor: Actor, id: number, form: FormData) => Promise<unknown>) {
	const action = formAction((actor, form, event: RequestEvent) =>
		work(actor, meetingIdOf(event.params), form)
	);
	return async (event: RequestEvent) => {
		const r = await action(event);
		return 'done' in r ? { ...r, done } : r;
	};
}

export const actions: Actions = {
	save: act('save', (actor, id, f) =>
		saveMinutesDraft(getDb(), actor, id, formInput(f, minutesDraftSchema))
	),
	// 送审 saves what is on the form too, so nothing typed is lost.
	submit: act('submit', (actor, id, f) =>
		saveAndSubmitMinutes(getDb(), actor, id, formInput(f, minutesDraftSchema))
	),
	approve: act('approve', (actor, id) => approveMinutes(getDb(), actor, id)),
	return: act('return', (actor, id, f) =>
		returnMinutes(getDb(), actor, id, formInput(f, minutesReturnSchema))
	),
	issue: act('issue', (actor, id) => issueMinutes(getDb(), actor, id)),
	// 立项督办: one decision becomes a supervision item; the supervisor goes on to its page.
	supervise: async (event: RequestEvent) => {
		const r = await formAction((actor, form) =>
			registerFromDecision(getDb(), actor, recordId(form.get('decisionId')), {})
		)(event);
		if ('done' in r) redirect(303, `/supervision/${(r.result as { id: number }).id}`);
		return r;
	}
};
