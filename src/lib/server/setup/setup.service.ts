import * as m from '$lib/paraglide/messages';
import type { AnonymousContext } from '../actor';
import { audit } from '../audit';
import { browserChanges } from '../auth/auth.service';
import { hashPassword, passwordProblemMessage } from '../auth/password';
import { createSession, type Session } from '../auth/session';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { NotFoundError, ValidationError } from '../errors';
import { countPeople, insertFirstAccount } from '../org/users.service';
import { getSettings, writeSettings } from '../settings/settings.service';
import { parseInput } from '../validation';
import { inTransaction } from '../db/transaction';
import { FIRST_ACCOUNT_ROLES } from '../permissions';
import * as clock from '../clock';
import { setupSchema, type SetupInput } from './setup.schema';

/**
 * How long "setup is done" is believed without asking the database again. Once someone exists
 * setup is over, but the database may be re-created empty under a running process (a restore,
 * a fresh start): within this time it offers setup again, without a restart.
 */
export const SETUP_RECHECK_MS = 10_000;

// Per database (a process that opens another one — tests, scripts — asks that one): when it was
// last seen set up, by the app's clock.
const setUpDatabases = new WeakMap<DB, number>();

export async function isSetupNeeded(db: DB): Promise<boolean> {
	const at = clock.now().getTime();
	const seen = setUpDatabases.get(db);
	if (seen !== undefined && at >= seen && at - seen < SETUP_RECHECK_MS) return false;
	if ((await countPeople(db)) === 0) {
		setUpDatabases.delete(db);
		return true;
	}
	setUpDatabases.set(db, at);
	return false;
}

/**
 * Creates the office settings and the first administrator. From the setup page (`userAgent`
 * given) it also signs them in, audited as `auth.login` like any sign-in, in the same
 * transaction; the demo script only sets up.
 */
export async function runSetup(
	db: DB,
	input: SetupInput,
	ctx: AnonymousContext & { userAgent?: string }
): Promise<{ userId: number; signedIn: { token: string; session: Session } | null }> {
	// Asked afresh, not from the memory above: a database emptied a moment ago can be set up.
	if ((await countPeople(db)) > 0) throw new NotFoundError();
	const data = parseInput(setupSchema, input);
	const problem = passwordProblemMessage(data.password, data.username);
	if (problem) throw new ValidationError({ password: problem });
	if (data.password !== data.confirm)
		throw new ValidationError({ confirm: m.err_password_mismatch() });
	const hashed = await hashPassword(data.password);
	// Setup writes only the office name and time zone; the session limits are as they were.
	const { sessionIdleMinutes: idleMinutes, sessionAbsoluteHours: absoluteHours } =
		await getSettings(db);
	const done = await inTransaction(db, async (trx) => {
		// Simultaneous submissions take turns; whoever comes second finds setup over.
		await lockName(trx, 'setup');
		if ((await countPeople(trx)) > 0) throw new NotFoundError();
		await writeSettings(trx, { officeName: data.officeName, timeZone: data.timeZone });
		const id = await insertFirstAccount(trx, {
			username: data.username,
			name: data.name,
			passwordHash: hashed,
			roles: FIRST_ACCOUNT_ROLES
		});
		const by = { id, name: data.name, ip: ctx.ip };
		await audit(trx, by, 'setup.complete', 'settings', null, {
			officeName: data.officeName,
			timeZone: data.timeZone,
			admin: data.username
		});
		if (ctx.userAgent === undefined) return { userId: id, signedIn: null };
		const signedIn = await createSession(
			trx,
			id,
			{ idleMinutes, absoluteHours },
			{ ip: ctx.ip, userAgent: ctx.userAgent }
		);
		await audit(trx, by, 'auth.login', 'user', id, browserChanges(ctx.userAgent));
		return { userId: id, signedIn };
	});
	setUpDatabases.set(db, clock.now().getTime());
	return done;
}
