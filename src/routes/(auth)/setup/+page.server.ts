import { error, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { clientIp, setSessionCookie } from '$lib/server/auth/cookies';
import { loadDemoOrganisation } from '$lib/server/demo/demo.service';
import { actionFailure, formToObject } from '$lib/server/http';
import { FIRST_ACCOUNT_ROLES } from '$lib/server/permissions';
import { isSetupNeeded, runSetup } from '$lib/server/setup/setup.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	if (!(await isSetupNeeded(getDb()))) error(404, m.error_not_found());
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const db = getDb();
		const values = formToObject(await event.request.formData());
		const ip = clientIp(event);
		const userAgent = event.request.headers.get('user-agent') ?? '';
		let setup: Awaited<ReturnType<typeof runSetup>>;
		try {
			setup = await runSetup(db, values, { ip, userAgent });
		} catch (e) {
			return actionFailure(e, values);
		}
		const { userId, signedIn } = setup;
		if (signedIn) setSessionCookie(event, signedIn.token, signedIn.session);
		if (values.demo === 'on') {
			await loadDemoOrganisation(db, {
				id: userId,
				name: String(values.name),
				roles: [...FIRST_ACCOUNT_ROLES],
				ip
			});
		}
		redirect(303, '/');
	}
};
