import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { formAction, formInput, requirePage } from '$lib/server/http';
import { canRequestLeave } from '$lib/server/permissions';
import { newLeavePage } from '$lib/server/leave/requests.query';
import { leaveRequestSchema, type ProofFile } from '$lib/server/leave/requests.schema';
import { submitLeave } from '$lib/server/leave/requests.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requirePage(event, canRequestLeave);
	return newLeavePage(getDb(), actor);
};

/** Proof files posted in `files` (empty inputs dropped). */
async function postedFiles(form: FormData): Promise<ProofFile[]> {
	const out: ProofFile[] = [];
	for (const f of form.getAll('files'))
		if (f instanceof File && f.size > 0)
			out.push({ name: f.name, type: f.type, bytes: Buffer.from(await f.arrayBuffer()) });
	return out;
}

export const actions: Actions = {
	submit: formAction(async (actor, form) => {
		const id = await submitLeave(getDb(), actor, formInput(form, leaveRequestSchema), {
			files: await postedFiles(form)
		});
		redirect(303, `/leave/${id}?done=submitted`);
	})
};
