import type { IncomingMessage } from 'node:http';
import { error } from '@sveltejs/kit';
import * as m from '$lib/paraglide/messages';
import { clientIp } from '$lib/server/auth/cookies';
import { metricsAllowed, metricsContentType, metricsText } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

/** Prometheus scrape: loopback or `Authorization: Bearer <METRICS_TOKEN>`; otherwise a 404. */
export const GET: RequestHandler = async (event) => {
	// The connection's own peer (adapter-node passes the request as platform.req), not the
	// address a proxy reports through ADDRESS_HEADER: a local scrape needs no proxy header.
	const req = (event.platform as { req?: IncomingMessage } | undefined)?.req;
	const peer = req?.socket?.remoteAddress ?? clientIp(event);
	if (!metricsAllowed(peer, event.request.headers)) error(404, m.error_not_found());
	return new Response(await metricsText(), {
		headers: { 'content-type': metricsContentType, 'cache-control': 'no-store' }
	});
};
