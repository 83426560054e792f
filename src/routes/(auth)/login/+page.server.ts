import { fail, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { login } from '$lib/server/auth/auth.service';
import { clientIp, setSessionCookie } from '$lib/server/auth/cookies';
import { actionFailure, safeNext } from '$lib/server/http';
import { getSettings } from '$lib/server/settings/settings.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	const settings = await getSettings(getDb());
	return { officeName: settings.officeName };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const username = String(form.get('username') ?? '');
		const password = String(form.get('password') ?? '');
		if (!username.trim() || !password) {
			return fail(400, { errors: {}, message: m.login_missing(), values: { username } });
		}
		let result;
		try {
			result = await login(
				getDb(),
				{ username, password },
				{ ip: clientIp(event), userAgent: event.request.headers.get('user-agent') ?? '' }
			);
		} catch (e) {
			return actionFailure(e, { username });
		}
		setSessionCookie(event, result.token, result.session);
		redirect(
			303,
			result.mustChangePassword ? '/account/password' : safeNext(event.url.searchParams.get('next'))
		);
	}
};
