import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { logout } from '$lib/server/auth/auth.service';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		const { actor, session } = event.locals;
		if (actor && session) await logout(getDb(), actor, session.id);
		clearSessionCookie(event);
		redirect(303, '/login');
	}
};
