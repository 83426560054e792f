import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { now } from '$lib/server/clock';
import { checkReadiness } from '$lib/server/readiness';
import type { RequestHandler } from './$types';

/** For the proxy and the orchestrator: 200 when this process can serve, else 503 and why. */
export const GET: RequestHandler = async () => {
	const r = await checkReadiness(getDb(), { now: now() });
	return json(r, {
		status: r.status === 'ready' ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
