import { text } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** For load balancers and the benchmark baseline: no database, no session. */
export const GET: RequestHandler = () => text('ok', { headers: { 'cache-control': 'no-store' } });
