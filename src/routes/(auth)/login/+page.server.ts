import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { loginSchema } from '$lib/server/auth/auth.schema';
import { login } from '$lib/server/auth/auth.service';
import { clientIp, setSessionCookie } from '$lib/server/auth/cookies';
import { formInput, publicFormAction, safeNext } from '$lib/server/http';
import { getSettings } from '$lib/server/settings/settings.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	const settings = await getSettings(getDb());
	return { officeName: settings.officeName };
};

export const actions: Actions = {
	default: publicFormAction(async (form, event) => {
		const result = await login(getDb(), formInput(form, loginSchema), {
			ip: clientIp(event),
			userAgent: event.request.headers.get('user-agent') ?? ''
		});
		setSessionCookie(event, result.token, result.session);
		redirect(
			303,
			result.mustChangePassword ? '/account/password' : safeNext(event.url.searchParams.get('next'))
		);
	})
};
