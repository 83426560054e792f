import { getDb } from '$lib/server/db';
import { fairnessReport } from '$lib/server/duty/roster.query';
import { idParam, orHttpError, requireActor } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const actor = requireActor(event);
	return { report: await orHttpError(fairnessReport(getDb(), actor, idParam(event.params.id))) };
};
