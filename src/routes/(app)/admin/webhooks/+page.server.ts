import { getDb } from '$lib/server/db';
import { formAction, formInput, orHttpError, recordId, requireActor } from '$lib/server/http';
import {
	createWebhook,
	deleteWebhook,
	listDeliveries,
	listWebhooks,
	retryDelivery,
	sendTestMessage,
	updateWebhook
} from '$lib/server/webhooks/webhooks.service';
import { webhookEditSchema, webhookSchema } from '$lib/server/webhooks/webhooks.schema';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const [webhooks, deliveries] = await Promise.all([
		orHttpError(listWebhooks(getDb(), actor)),
		orHttpError(listDeliveries(getDb(), actor, { limit: 30 }))
	]);
	const editId = Number(event.url.searchParams.get('edit'));
	return { webhooks, deliveries, editing: webhooks.find((w) => w.id === editId) ?? null };
};

const save = formAction(async (actor, form) => {
	const id = form.get('id');
	if (id) await updateWebhook(getDb(), actor, recordId(id), formInput(form, webhookEditSchema));
	else await createWebhook(getDb(), actor, formInput(form, webhookSchema));
});

export const actions: Actions = {
	save: async (event: RequestEvent) => {
		const r = await save(event);
		// A refused form comes back filled in, but never with the secret typed into it.
		if ('data' in r && r.data.values) r.data.values.secret = '';
		return r;
	},
	delete: formAction((actor, form) =>
		deleteWebhook(getDb(), actor, recordId(form.get('id')), Number(form.get('version')))
	),
	test: formAction((actor, form) => sendTestMessage(getDb(), actor, recordId(form.get('id')))),
	retry: formAction((actor, form) => retryDelivery(getDb(), actor, recordId(form.get('id'))))
};
