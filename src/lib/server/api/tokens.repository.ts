import type { DB } from '../db';
import {
	REQUEST_USER_COLUMNS,
	rolesOfUserU,
	toRequestUser,
	type RequestUser
} from '../db/request-user';
import type { ApiTokenScope, ApiTokensTable } from '../db/schema-api';
import type { Selectable } from 'kysely';

/** A token as its owner sees it in the list (never the hash). */
export interface ApiToken {
	id: number;
	userId: number;
	name: string;
	scope: ApiTokenScope;
	createdAt: string;
	expiresAt: string;
	lastUsedAt: string | null;
	revokedAt: string | null;
}

function toToken(r: Selectable<ApiTokensTable>): ApiToken {
	return {
		id: r.id,
		userId: r.user_id,
		name: r.name,
		scope: r.scope,
		createdAt: r.created_at,
		expiresAt: r.expires_at,
		lastUsedAt: r.last_used_at,
		revokedAt: r.revoked_at
	};
}

export async function insertApiToken(
	db: DB,
	t: {
		userId: number;
		name: string;
		tokenHash: string;
		scope: ApiTokenScope;
		createdAt: string;
		expiresAt: string;
	}
): Promise<number> {
	const r = await db
		.insertInto('api_tokens')
		.values({
			user_id: t.userId,
			name: t.name,
			token_hash: t.tokenHash,
			scope: t.scope,
			created_at: t.createdAt,
			expires_at: t.expiresAt
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** A person's tokens, newest first. */
export async function listApiTokensOf(db: DB, userId: number): Promise<ApiToken[]> {
	const rows = await db
		.selectFrom('api_tokens')
		.selectAll()
		.where('user_id', '=', userId)
		.orderBy('id', 'desc')
		.execute();
	return rows.map(toToken);
}

export async function findApiTokenOf(
	db: DB,
	userId: number,
	id: number
): Promise<ApiToken | undefined> {
	const r = await db
		.selectFrom('api_tokens')
		.selectAll()
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return r && toToken(r);
}

/** Compare-and-set: revokes a live token of the user; false when it was not live. */
export async function revokeApiTokenRow(
	db: DB,
	userId: number,
	id: number,
	at: string
): Promise<boolean> {
	const r = await db
		.updateTable('api_tokens')
		.set({ revoked_at: at })
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.returning('id')
		.executeTakeFirst();
	return !!r;
}

/** The token with its person (active or not), their department and roles, by the hash. */
export interface ApiTokenUser extends ApiToken {
	user: RequestUser;
}

export async function findApiTokenByHash(db: DB, hash: string): Promise<ApiTokenUser | undefined> {
	const roles = rolesOfUserU(db);
	const row = await db
		.selectFrom('api_tokens as t')
		.innerJoin('users as u', 'u.id', 't.user_id')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.selectAll('t')
		.select(REQUEST_USER_COLUMNS)
		.select(roles.as('roles'))
		.where('t.token_hash', '=', hash)
		.executeTakeFirst();
	if (!row) return undefined;
	return {
		...toToken(row),
		user: toRequestUser(row)
	};
}

/**
 * Compare-and-set: marks the token used at `at` unless it was marked since `cutoff`; true for
 * the one request (of any number at once) that moved it.
 */
export async function touchApiToken(
	db: DB,
	id: number,
	at: string,
	cutoff: string
): Promise<boolean> {
	const r = await db
		.updateTable('api_tokens')
		.set({ last_used_at: at })
		.where('id', '=', id)
		.where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', cutoff)]))
		.returning('id')
		.executeTakeFirst();
	return !!r;
}
