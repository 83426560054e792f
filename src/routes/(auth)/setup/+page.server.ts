import { error, redirect } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { createSession } from '$lib/server/auth/session';
import { clientIp, setSessionCookie } from '$lib/server/auth/cookies';
import { loadDemoOrganisation } from '$lib/server/demo/demo.service';
import { actionFailure, formToObject } from '$lib/server/http';
import { getSettings } from '$lib/server/settings/settings.service';
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
		let userId: number;
		try {
			({ userId } = await runSetup(db, values, { ip }));
		} catch (e) {
			return actionFailure(e, values);
		}
		if (values.demo === 'on') {
			await loadDemoOrganisation(db, {
				id: userId,
				name: String(values.name),
				roles: ['admin'],
				ip
			});
		}
		const settings = await getSettings(db);
		const { token, session } = await createSession(
			db,
			userId,
			{ idleMinutes: settings.sessionIdleMinutes, absoluteHours: settings.sessionAbsoluteHours },
			{ ip, userAgent: event.request.headers.get('user-agent') ?? '' }
		);
		setSessionCookie(event, token, session);
		redirect(303, '/');
	}
};
