import { auditExport } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { periodLog } from '$lib/server/duty/log.query';
import { orHttpError, requireActor } from '$lib/server/http';
import { idParam } from '../params';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	const id = idParam(event.params.id);
	const log = await orHttpError(periodLog(getDb(), actor, id));
	await auditExport(getDb(), actor, {
		action: 'duty.log_print',
		entity: 'duty_period',
		entityId: id
	});
	return log;
};
