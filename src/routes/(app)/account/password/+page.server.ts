import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { passwordChangeSchema } from '$lib/server/auth/auth.schema';
import { changePassword } from '$lib/server/auth/auth.service';
import { formAction, formInput } from '$lib/server/http';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	forced: locals.user?.isPasswordChangeRequired ?? false
});

export const actions: Actions = {
	default: formAction(async (actor, form, event) => {
		const input = formInput(form, passwordChangeSchema);
		await changePassword(getDb(), actor, event.locals.session!.id, input);
		redirect(303, '/?password=changed');
	})
};
