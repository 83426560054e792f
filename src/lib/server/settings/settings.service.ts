import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { diff, recordAudit } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { parseInput } from '../validation';
import { findAllSettings, upsertSetting } from './settings.repository';
import { inTransaction } from '../db/transaction';

export interface OfficeSettings {
	officeName: string;
	timeZone: string;
	sessionIdleMinutes: number;
	sessionAbsoluteHours: number;
	/** The From address of notices; also the ORGANIZER of calendar invites. */
	mailFromAddress: string;
	/** The From display name; '' means the office name. */
	mailFromName: string;
}

export const DEFAULT_SETTINGS: OfficeSettings = {
	officeName: '',
	timeZone: 'Asia/Shanghai',
	sessionIdleMinutes: 120,
	sessionAbsoluteHours: 12,
	mailFromAddress: 'huiban@localhost',
	mailFromName: ''
};

const KEYS: Record<keyof OfficeSettings, string> = {
	officeName: 'office_name',
	timeZone: 'time_zone',
	sessionIdleMinutes: 'session_idle_minutes',
	sessionAbsoluteHours: 'session_absolute_hours',
	mailFromAddress: 'mail_from_address',
	mailFromName: 'mail_from_name'
};

// Settings change rarely. Each process keeps them until the database's change stamp moves
// (requests report it, see observeDataStamp) — at most 5 minutes — or, where no request has
// reported a stamp (scripts, tests, the scheduler alone), for 10 s.
let cache: { at: number; stamp: number | null; value: OfficeSettings } | undefined;
let observedStamp: number | null = null;

/** Called with the change stamp each request reads: a new stamp drops the cached settings. */
export function observeDataStamp(stamp: number): void {
	if (stamp === observedStamp) return;
	observedStamp = stamp;
	cache = undefined;
}

export async function getSettings(db: DB): Promise<OfficeSettings> {
	const now = Date.now();
	const ttl = observedStamp === null ? 10_000 : 300_000;
	if (cache && cache.stamp === observedStamp && now - cache.at < ttl) return cache.value;
	// The stamp before the read: if it moves while we read, this copy is not trusted after.
	const stamp = observedStamp;
	const value = await readSettings(db);
	cache = { at: now, stamp, value };
	return value;
}

/** The settings as stored now, past the cache. */
async function readSettings(db: DB): Promise<OfficeSettings> {
	const raw = await findAllSettings(db);
	return {
		officeName: raw[KEYS.officeName] ?? DEFAULT_SETTINGS.officeName,
		timeZone: raw[KEYS.timeZone] ?? DEFAULT_SETTINGS.timeZone,
		sessionIdleMinutes: Number(raw[KEYS.sessionIdleMinutes] ?? DEFAULT_SETTINGS.sessionIdleMinutes),
		sessionAbsoluteHours: Number(
			raw[KEYS.sessionAbsoluteHours] ?? DEFAULT_SETTINGS.sessionAbsoluteHours
		),
		mailFromAddress: raw[KEYS.mailFromAddress] ?? DEFAULT_SETTINGS.mailFromAddress,
		mailFromName: raw[KEYS.mailFromName] ?? DEFAULT_SETTINGS.mailFromName
	};
}

export function forgetCachedSettings(): void {
	cache = undefined;
	observedStamp = null;
}

export function isValidTimeZone(tz: string): boolean {
	try {
		new Intl.DateTimeFormat('en', { timeZone: tz });
		return true;
	} catch {
		return false;
	}
}

export const settingsSchema = z.object({
	officeName: z
		.string()
		.trim()
		.min(1, { error: () => m.err_required() })
		.max(100),
	timeZone: z
		.string()
		.trim()
		.refine(isValidTimeZone, { error: () => m.err_time_zone() }),
	sessionIdleMinutes: z.coerce
		.number()
		.int()
		.min(5, { error: () => m.err_idle_range() })
		.max(720, { error: () => m.err_idle_range() }),
	sessionAbsoluteHours: z.coerce
		.number()
		.int()
		.min(1, { error: () => m.err_absolute_range() })
		.max(72, { error: () => m.err_absolute_range() }),
	// The browser's own rule for type=email: an intranet host without a dot (the default
	// huiban@localhost) is a valid sender, which zod's stricter default pattern refuses.
	mailFromAddress: z
		.string()
		.trim()
		.max(255, { error: () => m.err_too_long({ max: 255 }) })
		.pipe(z.email({ pattern: z.regexes.html5Email, error: () => m.err_email() })),
	mailFromName: z
		.string()
		.trim()
		.max(64, { error: () => m.err_too_long({ max: 64 }) })
});

/** Writes settings without a permission check: first-run setup and the admin service use it. */
export async function writeSettings(trx: DB, values: Partial<OfficeSettings>): Promise<void> {
	for (const [k, v] of Object.entries(values)) {
		await upsertSetting(trx, KEYS[k as keyof OfficeSettings], String(v));
	}
	forgetCachedSettings();
}

export async function updateSettings(
	db: DB,
	actor: Actor,
	input: unknown
): Promise<OfficeSettings> {
	requirePermission(actor, canAdminister);
	const data = parseInput(settingsSchema, input);
	await inTransaction(db, async (trx) => {
		// Saves take turns, each comparing with what the previous one stored.
		await lockName(trx, 'settings');
		const changes = diff({ ...(await readSettings(trx)) }, data);
		// Saved again as it is (a second click): nothing to write or audit.
		if (!Object.keys(changes).length) return;
		await writeSettings(trx, data);
		await recordAudit(trx, {
			actor,
			ip: actor.ip,
			action: 'settings.update',
			entity: 'settings',
			changes
		});
	});
	forgetCachedSettings();
	return getSettings(db);
}
