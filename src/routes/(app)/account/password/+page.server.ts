import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { changePassword } from '$lib/server/auth/auth.service';
import { actionFailure, requireActor } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	forced: locals.user?.isPasswordChangeRequired ?? false
});

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event);
		const form = await event.request.formData();
		const input = {
			current: String(form.get('current') ?? ''),
			next: String(form.get('next') ?? ''),
			confirm: String(form.get('confirm') ?? '')
		};
		try {
			await changePassword(getDb(), actor, event.locals.session!.id, input);
		} catch (e) {
			return actionFailure(e);
		}
		redirect(303, '/?password=changed');
	}
};
