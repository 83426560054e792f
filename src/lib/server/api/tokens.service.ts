import { createHash, randomBytes } from 'node:crypto';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError } from '../errors';
import { canUseApi, requirePermission } from '../permissions';
import { parseInput } from '../validation';
import type { SessionUser } from '../auth/sessions.repository';
import {
	findApiTokenByHash,
	findApiTokenOf,
	insertApiToken,
	listApiTokensOf,
	revokeApiTokenRow,
	touchApiToken,
	type ApiToken,
	type ApiTokenUser
} from './tokens.repository';
import { apiTokenSchema, type ApiTokenInput, type ApiScope } from './tokens.schema';

export type { ApiToken };

/** `hb_` and 32 random bytes in base64url: 46 characters. */
export const TOKEN_PATTERN = /^hb_[A-Za-z0-9_-]{43}$/;

/** Only this is stored; a token read from a leaked database cannot be used. */
export function hashApiToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

const DAY_MS = 86_400_000;

/** A use is written down (last_used_at and an `api.use` audit row) at most once a minute. */
export const USE_RECORD_MS = 60_000;

/**
 * Makes a personal access token for the actor; the token itself is returned this once (only
 * its SHA-256 is kept). The security auditor gets none (三员分立).
 */
export async function createApiToken(
	db: DB,
	actor: Actor,
	input: ApiTokenInput,
	at = clock.now()
): Promise<{ id: number; token: string; expiresAt: string }> {
	requirePermission(actor, canUseApi);
	const v = parseInput(apiTokenSchema, input);
	const token = `hb_${randomBytes(32).toString('base64url')}`;
	const expiresAt = new Date(at.getTime() + v.days * DAY_MS).toISOString();
	return inTransaction(db, async (trx) => {
		const id = await insertApiToken(trx, {
			userId: actor.id,
			name: v.name,
			tokenHash: hashApiToken(token),
			scope: v.scope,
			createdAt: at.toISOString(),
			expiresAt
		});
		await audit(trx, actor, 'api.token_create', 'api_token', id, {
			name: v.name,
			scope: v.scope,
			expiresAt
		});
		return { id, token, expiresAt };
	});
}

/** My tokens, newest first, each with whether it still works. */
export async function listMyApiTokens(db: DB, actor: Actor, at = clock.now()) {
	const now = at.toISOString();
	return (await listApiTokensOf(db, actor.id)).map((t) => ({
		...t,
		state: t.revokedAt
			? ('revoked' as const)
			: t.expiresAt <= now
				? ('expired' as const)
				: ('live' as const)
	}));
}

/**
 * Revokes one of my tokens (compare-and-set: of simultaneous clicks one revokes, the others are
 * told it already is). Someone else's token is "not found".
 */
export async function revokeApiToken(db: DB, actor: Actor, id: number): Promise<void> {
	await inTransaction(db, async (trx) => {
		const won = await revokeApiTokenRow(trx, actor.id, id, clock.nowIso());
		if (!won) {
			if (await findApiTokenOf(trx, actor.id, id))
				throw new ValidationError({ _: m.api_token_err_revoked() });
			throw new NotFoundError();
		}
		await audit(trx, actor, 'api.token_revoke', 'api_token', id);
	});
}

export type ApiAuthResult =
	| { ok: true; tokenId: number; scope: ApiScope; user: SessionUser }
	| { ok: false; reason: 'invalid' | 'expired' | 'revoked' };

/** Who a bearer token speaks for, or why it does not work (unknown, expired, revoked). */
export async function authenticateApiToken(
	db: DB,
	token: string,
	at = clock.now()
): Promise<ApiAuthResult> {
	if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: 'invalid' };
	const found: ApiTokenUser | undefined = await findApiTokenByHash(db, hashApiToken(token));
	if (!found || !found.user.isActive) return { ok: false, reason: 'invalid' };
	if (found.revokedAt) return { ok: false, reason: 'revoked' };
	if (found.expiresAt <= at.toISOString()) return { ok: false, reason: 'expired' };
	const u = found.user;
	const user: SessionUser = {
		id: u.id,
		username: u.username,
		name: u.name,
		departmentId: u.departmentId,
		departmentName: u.departmentName,
		title: u.title,
		roles: u.roles,
		isPasswordChangeRequired: u.isPasswordChangeRequired
	};
	return { ok: true, tokenId: found.id, scope: found.scope, user };
}

/**
 * Audited on use: the first request of a token in each minute moves last_used_at and writes one
 * `api.use` row (method and path); the commands it runs are audited by their services anyway.
 * Simultaneous requests: one wins the compare-and-set, so one row.
 */
export async function recordApiUse(
	db: DB,
	actor: Actor,
	tokenId: number,
	request: { method: string; path: string },
	at = clock.now()
): Promise<boolean> {
	return inTransaction(db, async (trx) => {
		const cutoff = new Date(at.getTime() - USE_RECORD_MS).toISOString();
		if (!(await touchApiToken(trx, tokenId, at.toISOString(), cutoff))) return false;
		await audit(trx, actor, 'api.use', 'api_token', tokenId, {
			method: request.method,
			path: request.path.slice(0, 200)
		});
		return true;
	});
}
