import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { orHttpError, requireActor } from '$lib/server/http';
import { minutesDocument } from '$lib/server/minutes/minutes-document';
import { getMinutes } from '$lib/server/minutes/minutes.query';
import { getSettings } from '$lib/server/settings/settings.service';
import { meetingIdOf } from '../../../params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const db = getDb();
	const id = meetingIdOf(event.params);
	const view = await orHttpError(getMinutes(db, actor, id));
	// No minutes yet, or a draft this reader may not see: nothing to print.
	if (!view.minutes) error(404, m.error_not_found());
	await auditExport(db, actor, {
		action: 'minutes.print',
		entity: 'minutes',
		entityId: view.minutes.id
	});
	return {
		meetingId: id,
		status: view.minutes.status,
		doc: minutesDocument(view, await getSettings(db))
	};
};
