import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { loadRoster } from '$lib/server/duty/roster.export';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = idParam(event.params.id);
	const roster = await orHttpError(loadRoster(getDb(), actor, id));
	await auditExport(getDb(), actor, { action: 'duty.print', entity: 'duty_period', entityId: id });
	return roster;
};
