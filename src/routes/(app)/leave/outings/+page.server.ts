import { getDb } from '$lib/server/db';
import { formAction, formInput, recordId, requirePage } from '$lib/server/http';
import { outingsPage } from '$lib/server/leave/outings.query';
import { outingSchema } from '$lib/server/leave/outings.schema';
import { cancelOuting, markOutingBack, reportOuting } from '$lib/server/leave/outings.service';
import { canRequestLeave } from '$lib/server/permissions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canRequestLeave);
	return { page: await outingsPage(getDb(), actor) };
};

export const actions: Actions = {
	report: formAction((actor, form) => reportOuting(getDb(), actor, formInput(form, outingSchema))),
	back: formAction((actor, form) => markOutingBack(getDb(), actor, recordId(form.get('id')))),
	cancel: formAction((actor, form) => cancelOuting(getDb(), actor, recordId(form.get('id'))))
};
