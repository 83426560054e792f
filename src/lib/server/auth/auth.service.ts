import * as m from '$lib/paraglide/messages';
import type { Actor, AnonymousContext } from '../actor';
import { recordAudit } from '../audit';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import { findUserRowById, findUserRowByUsername, updateUserRow } from '../org/users.repository';
import { passwordProblemMessage } from '../org/person-schema';
import { USERNAME_THROTTLE_PREFIX } from '../org/users.service';
import { getSettings } from '../settings/settings.service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { blockedUntil, clearThrottle, recordFailure, type ThrottleRule } from './rate-limit';
import {
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions,
	type Session
} from './session';
import { now, nowIso } from '../clock';
import { inTransaction } from '../db/transaction';

/** 5 wrong passwords lock the account for 15 minutes. */
export const ACCOUNT_LOCK: ThrottleRule = { limit: 5, windowMs: 15 * 60_000, blockMs: 15 * 60_000 };
/** Per-IP limit on the login form: 30 failures in 10 minutes blocks that address for 10 minutes. */
export const IP_LIMIT: ThrottleRule = { limit: 30, windowMs: 10 * 60_000, blockMs: 10 * 60_000 };

export class LoginError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'LoginError';
	}
}

function minutesLeft(until: string): number {
	return Math.max(1, Math.ceil((new Date(until).getTime() - now().getTime()) / 60_000));
}

export async function login(
	db: DB,
	input: { username: string; password: string },
	ctx: AnonymousContext & { userAgent: string }
): Promise<{ token: string; session: Session; userId: number; mustChangePassword: boolean }> {
	const username = input.username.trim();
	if (!username || !input.password) throw new LoginError(m.login_failed());
	const ipKey = 'login-ip:' + ctx.ip;
	// Throttle by the name typed, whether or not it exists, so a lockout reveals nothing.
	const userKey = USERNAME_THROTTLE_PREFIX + username.toLowerCase().slice(0, 64);
	const row = await findUserRowByUsername(db, username);
	const refuse = async (reason: 'ip' | 'locked', until: string): Promise<never> => {
		// 密码锁定期间的登录尝试也留痕: who kept trying, from where.
		await recordAudit(db, {
			actor: null,
			ip: ctx.ip,
			action: 'auth.login_refused',
			entity: 'user',
			entityId: row?.id ?? null,
			changes: { username: username.slice(0, 64), reason }
		});
		const minutes = minutesLeft(until);
		throw new LoginError(
			reason === 'ip' ? m.login_ip_blocked({ minutes }) : m.login_locked({ minutes })
		);
	};
	const ipBlock = await blockedUntil(db, ipKey);
	if (ipBlock) return refuse('ip', ipBlock);
	const userBlock = await blockedUntil(db, userKey);
	if (userBlock) return refuse('locked', userBlock);
	// The attempt is counted before the password is checked, in one statement: of many guesses
	// sent at once only ACCOUNT_LOCK.limit are checked. The right password clears the count.
	const attempt = await recordFailure(db, userKey, ACCOUNT_LOCK);
	if (attempt.count > ACCOUNT_LOCK.limit && attempt.blockedUntil) {
		return refuse('locked', attempt.blockedUntil);
	}

	const ok = await verifyPassword(
		row?.password_hash ?? (await dummyPasswordHash()),
		input.password
	);
	if (!row || !ok || !row.is_active) {
		await inTransaction(db, async (trx) => {
			await recordFailure(trx, ipKey, IP_LIMIT);
			await recordAudit(trx, {
				actor: null,
				ip: ctx.ip,
				action: attempt.blockedUntil ? 'auth.locked' : 'auth.login_failed',
				entity: 'user',
				entityId: row?.id ?? null,
				changes: { username: username.slice(0, 64), attempt: attempt.count }
			});
		});
		if (attempt.blockedUntil) {
			throw new LoginError(m.login_locked({ minutes: minutesLeft(attempt.blockedUntil) }));
		}
		throw new LoginError(m.login_failed());
	}
	const settings = await getSettings(db);
	return inTransaction(db, async (trx) => {
		await clearThrottle(trx, userKey);
		// Housekeeping on a path that is rare but regular: drop sessions past their lifetime.
		await deleteExpiredSessions(trx);
		const { token, session } = await createSession(
			trx,
			row.id,
			{ idleMinutes: settings.sessionIdleMinutes, absoluteHours: settings.sessionAbsoluteHours },
			{ ip: ctx.ip, userAgent: ctx.userAgent }
		);
		await recordAudit(trx, {
			actor: { id: row.id, name: row.name },
			ip: ctx.ip,
			action: 'auth.login',
			entity: 'user',
			entityId: row.id
		});
		return { token, session, userId: row.id, mustChangePassword: row.is_password_change_required };
	});
}

/** Current-password checks per user: 5 wrong in 15 minutes stop the checks for 15 minutes. */
export const PASSWORD_CHECK_LIMIT: ThrottleRule = ACCOUNT_LOCK;
const PASSWORD_CHECK_PREFIX = 'password-check:';

/**
 * The current password, checked under an attempt limit (a stolen session must not become a
 * password guesser). As at sign-in, the attempt is counted before the check, in one statement.
 * Every refusal is audited.
 */
async function checkCurrentPassword(db: DB, actor: Actor, hash: string, current: string) {
	const key = PASSWORD_CHECK_PREFIX + actor.id;
	const failed = async (changes: Record<string, unknown>) =>
		recordAudit(db, {
			actor,
			ip: actor.ip,
			action: 'auth.password_change_failed',
			entity: 'user',
			entityId: actor.id,
			changes
		});
	const blocked =
		(await blockedUntil(db, key)) ??
		(await recordFailure(db, key, PASSWORD_CHECK_LIMIT).then((a) =>
			a.count > PASSWORD_CHECK_LIMIT.limit ? a.blockedUntil : null
		));
	if (blocked) {
		await failed({ reason: 'locked' });
		throw new ValidationError({
			current: m.error_password_attempts({ minutes: minutesLeft(blocked) })
		});
	}
	if (!(await verifyPassword(hash, current))) {
		await failed({ reason: 'wrong_current' });
		throw new ValidationError({ current: m.err_current_password() });
	}
	await clearThrottle(db, key);
}

export async function changePassword(
	db: DB,
	actor: Actor,
	sessionId: string,
	input: { current: string; next: string; confirm: string }
): Promise<void> {
	const row = await findUserRowById(db, actor.id);
	if (!row) throw new ValidationError({ current: m.err_current_password() });
	await checkCurrentPassword(db, actor, row.password_hash, input.current);
	const problem = passwordProblemMessage(input.next, row.username);
	if (problem) throw new ValidationError({ next: problem });
	if (input.next !== input.confirm)
		throw new ValidationError({ confirm: m.err_password_mismatch() });
	if (input.next === input.current) throw new ValidationError({ next: m.err_password_same() });
	const hashed = await hashPassword(input.next);
	await inTransaction(db, async (trx) => {
		const now = nowIso();
		await updateUserRow(trx, actor.id, {
			password_hash: hashed,
			is_password_change_required: false,
			password_changed_at: now,
			updated_at: now
		});
		// Other devices signed in with the old password are signed out.
		await invalidateUserSessions(trx, actor.id, sessionId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'auth.password_change',
			entity: 'user',
			entityId: actor.id
		});
	});
}

export async function logout(db: DB, actor: Actor, sessionId: string): Promise<void> {
	await inTransaction(db, async (trx) => {
		await invalidateSession(trx, sessionId);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'auth.logout',
			entity: 'user',
			entityId: actor.id
		});
	});
}

export type { SessionUser } from './session-user';
