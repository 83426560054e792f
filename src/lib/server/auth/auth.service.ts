import * as m from '$lib/paraglide/messages';
import type { Actor, AnonymousContext } from '../actor';
import { browserName } from '$lib/user-agent';
import { audit } from '../audit';
import type { DB } from '../db';
import { ValidationError } from '../errors';
import {
	findAccount,
	findAccountOf,
	storeOwnPassword,
	USERNAME_THROTTLE_PREFIX
} from '../org/users.service';
import { getSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import {
	loginSchema,
	passwordChangeSchema,
	type LoginInput,
	type PasswordChangeInput
} from './auth.schema';
import {
	dummyPasswordHash,
	hashPassword,
	passwordProblemMessage,
	verifyPassword
} from './password';
import { blockedUntil, clearThrottle, recordFailure, type ThrottleRule } from './rate-limit';
import {
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions,
	type Session
} from './session';
import { now } from '../clock';
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

/** What a sign-in's audit row says of the browser: its name ("Chrome 156 · Linux"), if known. */
export function browserChanges(userAgent: string): { browser?: string } {
	const browser = browserName(userAgent);
	return browser ? { browser } : {};
}

export async function login(
	db: DB,
	input: LoginInput,
	ctx: AnonymousContext & { userAgent: string }
): Promise<{ token: string; session: Session; userId: number; mustChangePassword: boolean }> {
	const data = parseInput(loginSchema, input);
	const username = data.username.trim();
	if (!username || !data.password) throw new LoginError(m.login_missing());
	const ipKey = 'login-ip:' + ctx.ip;
	// Throttle by the name typed, whether or not it exists, so a lockout reveals nothing.
	const userKey = USERNAME_THROTTLE_PREFIX + username.toLowerCase().slice(0, 64);
	const row = await findAccount(db, username);
	const anonymous = { ip: ctx.ip };
	const refuse = async (reason: 'ip' | 'locked', until: string): Promise<never> => {
		// 密码锁定期间的登录尝试也留痕: who kept trying, from where.
		await audit(db, anonymous, 'auth.login_refused', 'user', row?.id ?? null, {
			username: username.slice(0, 64),
			reason
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

	const ok = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), data.password);
	if (!row || !ok || !row.isActive) {
		await inTransaction(db, async (trx) => {
			await recordFailure(trx, ipKey, IP_LIMIT);
			const action = attempt.blockedUntil ? 'auth.locked' : 'auth.login_failed';
			await audit(trx, anonymous, action, 'user', row?.id ?? null, {
				username: username.slice(0, 64),
				attempt: attempt.count
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
		const by = { id: row.id, name: row.name, ip: ctx.ip };
		await audit(trx, by, 'auth.login', 'user', row.id, browserChanges(ctx.userAgent));
		return { token, session, userId: row.id, mustChangePassword: row.isPasswordChangeRequired };
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
	const failed = (reason: 'locked' | 'wrong_current') =>
		audit(db, actor, 'auth.password_change_failed', 'user', actor.id, { reason });
	const blocked =
		(await blockedUntil(db, key)) ??
		(await recordFailure(db, key, PASSWORD_CHECK_LIMIT).then((a) =>
			a.count > PASSWORD_CHECK_LIMIT.limit ? a.blockedUntil : null
		));
	if (blocked) {
		await failed('locked');
		throw new ValidationError({
			current: m.error_password_attempts({ minutes: minutesLeft(blocked) })
		});
	}
	if (!(await verifyPassword(hash, current))) {
		await failed('wrong_current');
		throw new ValidationError({ current: m.err_current_password() });
	}
	await clearThrottle(db, key);
}

export async function changePassword(
	db: DB,
	actor: Actor,
	sessionId: string,
	raw: PasswordChangeInput
): Promise<void> {
	const input = parseInput(passwordChangeSchema, raw);
	const row = await findAccountOf(db, actor.id);
	if (!row) throw new ValidationError({ current: m.err_current_password() });
	await checkCurrentPassword(db, actor, row.passwordHash, input.current);
	const problem = passwordProblemMessage(input.next, row.username);
	if (problem) throw new ValidationError({ next: problem });
	if (input.next !== input.confirm)
		throw new ValidationError({ confirm: m.err_password_mismatch() });
	if (input.next === input.current) throw new ValidationError({ next: m.err_password_same() });
	const hashed = await hashPassword(input.next);
	await inTransaction(db, async (trx) => {
		await storeOwnPassword(trx, actor.id, hashed);
		// Other devices signed in with the old password are signed out.
		await invalidateUserSessions(trx, actor.id, sessionId);
		await audit(trx, actor, 'auth.password_change', 'user', actor.id);
	});
}

export async function logout(db: DB, actor: Actor, sessionId: string): Promise<void> {
	await inTransaction(db, async (trx) => {
		await invalidateSession(trx, sessionId);
		await audit(trx, actor, 'auth.logout', 'user', actor.id);
	});
}

export type { SessionUser } from './sessions.repository';
