import { error, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { clientIp, setSessionCookie } from '$lib/server/auth/cookies';
import { loadDemoOrganisation } from '$lib/server/demo/demo.service';
import { formInput, publicFormAction } from '$lib/server/http';
import { FIRST_ACCOUNT_ROLES } from '$lib/server/permissions';
import { setupSchema } from '$lib/server/setup/setup.schema';
import { isSetupNeeded, runSetup } from '$lib/server/setup/setup.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	if (!(await isSetupNeeded(getDb()))) error(404, m.error_not_found());
	return {};
};

export const actions: Actions = {
	default: publicFormAction(async (form, event) => {
		const db = getDb();
		const input = formInput(form, setupSchema);
		const ip = clientIp(event);
		const userAgent = event.request.headers.get('user-agent') ?? '';
		const { userId, signedIn } = await runSetup(db, input, { ip, userAgent });
		if (signedIn) setSessionCookie(event, signedIn.token, signedIn.session);
		if (input.demo === 'on') {
			await loadDemoOrganisation(db, {
				id: userId,
				name: input.name.trim(),
				roles: [...FIRST_ACCOUNT_ROLES],
				ip
			});
		}
		redirect(303, '/');
	})
};
