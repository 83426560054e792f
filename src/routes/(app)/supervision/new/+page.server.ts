import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formAction, formInput, requirePage } from '$lib/server/http';
import { canManageSupervision } from '$lib/server/permissions';
import { registerItem } from '$lib/server/supervision/items.service';
import { itemSchema } from '$lib/server/supervision/items.schema';
import { itemFormOptions } from '$lib/server/supervision/supervision.query';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requirePage(event, canManageSupervision);
	return { options: await itemFormOptions(getDb()) };
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
	})
};
