import type { Generated } from 'kysely';
import type { Instant } from './schema';

/** Personal access tokens of the JSON API; see migrations/0019_api_tokens.ts. */

export type ApiTokenScope = 'read' | 'write';

export interface ApiTokensTable {
	id: Generated<number>;
	user_id: number;
	name: string;
	/** SHA-256 of the token, hex; the token itself is never stored. */
	token_hash: string;
	scope: ApiTokenScope;
	created_at: Instant;
	expires_at: Instant;
	last_used_at: Instant | null;
	revoked_at: Instant | null;
}

export interface ApiTables {
	api_tokens: ApiTokensTable;
}
