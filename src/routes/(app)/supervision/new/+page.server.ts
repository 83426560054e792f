import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { getSettings } from '$lib/server/settings/settings.service';
import { formAction, formInput, recordId, requireActor, requirePage } from '$lib/server/http';
import { decisionsAwaitingItems } from '$lib/server/supervision/decisions.query';
import { canManageSupervision } from '$lib/server/permissions';
import { registerFromDecision, registerItem } from '$lib/server/supervision/registration.service';
import { itemSchema } from '$lib/server/supervision/items.schema';
import { itemFormOptions } from '$lib/server/supervision/supervision.query';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePage(event, canManageSupervision);
	const db = getDb();
	const [options, decisions] = await Promise.all([
		itemFormOptions(db),
		decisionsAwaitingItems(db, requireActor(event))
	]);
	return { options, decisions, timeZone: (await getSettings(db)).timeZone };
};

export const actions: Actions = {
	save: formAction(async (actor, form) => {
		const file = form.get('instructionFile');
		const upload =
			file instanceof File && file.size > 0
				? { name: file.name, type: file.type, bytes: Buffer.from(await file.arrayBuffer()) }
				: null;
		const { id } = await registerItem(getDb(), actor, formInput(form, itemSchema), upload);
		redirect(303, `/supervision/${id}`);
	}),
	// 立项 of a decision of issued minutes, in one step.
	fromDecision: formAction(async (actor, form) => {
		const decisionId = recordId(form.get('decisionId'));
		const { id } = await registerFromDecision(getDb(), actor, decisionId, {});
		redirect(303, `/supervision/${id}`);
	})
};
