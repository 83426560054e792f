import { sql } from 'kysely';
import { dialectOfDb, type DB } from './connect';

/**
 * The roles of the person aliased `u` in the query, as one comma-separated text (a subquery):
 * the one place that reads them for a request's actor (sessions and API tokens).
 */
export function rolesOfUserU(db: DB) {
	return dialectOfDb(db) === 'postgres'
		? sql<string | null>`(SELECT string_agg(r.role, ',') FROM user_roles r WHERE r.user_id = u.id)`
		: sql<
				string | null
			>`(SELECT group_concat(r.role, ',') FROM user_roles r WHERE r.user_id = u.id)`;
}
