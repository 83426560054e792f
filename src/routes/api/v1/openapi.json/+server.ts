import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 document of /api/v1; readable without a token. */
export const GET: RequestHandler = () =>
	json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
