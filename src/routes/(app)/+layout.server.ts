import { isAuditorOnly } from '$lib/domain/roles';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http';
import { getSettings } from '$lib/server/settings/settings.service';
import { myUnreadCount } from '$lib/server/notifications/notifications.service';
import { canAdminister } from '$lib/server/permissions';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const actor = requireActor(event);
	// 三员分立: the security auditor sees only the audit log (hooks.server.ts keeps them there).
	const auditorOnly = isAuditorOnly(actor.roles);
	const db = getDb();
	const [settings, unread] = await Promise.all([
		getSettings(db),
		myUnreadCount(db, actor, event.locals)
	]);
	return {
		user: event.locals.user!,
		officeName: settings.officeName,
		timeZone: settings.timeZone,
		unread,
		auditorOnly,
		isAdmin: canAdminister(actor)
	};
};
