import { apiReference } from '$lib/server/api/reference';
import { apiRateLimit } from '$lib/server/api/rate-limit';
import type { PageServerLoad } from './$types';

/** The API's reference page, from its OpenAPI document; open to anyone (it holds no data). */
export const load: PageServerLoad = (event) => ({
	...apiReference(),
	rateLimit: apiRateLimit(),
	origin: event.url.origin
});
