import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { getSettings } from '$lib/server/settings/settings.service';
import { myUnreadCount } from '$lib/server/notifications/notifications.service';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const actor = requireActor(event);
	const path = event.url.pathname;
	// 三员分立: the security auditor sees only the audit log (and their own account).
	const auditorOnly = actor.roles.length === 1 && actor.roles[0] === 'auditor';
	if (auditorOnly && !path.startsWith('/audit') && !path.startsWith('/account')) {
		redirect(303, '/audit');
	}
	const db = getDb();
	const [settings, unread] = await Promise.all([getSettings(db), myUnreadCount(db, actor)]);
	return {
		user: event.locals.user!,
		officeName: settings.officeName,
		timeZone: settings.timeZone,
		unread,
		auditorOnly
	};
};
