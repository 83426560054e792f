import { instantToZonedDate } from '$lib/domain/zoned-time';
import type { Actor } from '../actor';
import * as clock from '../clock';
import { audit, diff } from '../audit';
import { canAdminister, requirePermission } from '../permissions';
import type { DB } from '../db';
import { lockName } from '../db/locks';
import { parseInput } from '../validation';
import { findAllSettings, upsertSetting } from './settings.repository';
import { inTransaction } from '../db/transaction';
import { settingsSchema, type SettingsInput } from './settings.schema';

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

/** The office's calendar date (YYYY-MM-DD in its time zone) at an instant, now by default. */
export async function officeDate(db: DB, at: string | Date = clock.now()): Promise<string> {
	const { timeZone } = await getSettings(db);
	return instantToZonedDate(typeof at === 'string' ? at : at.toISOString(), timeZone);
}

export function forgetCachedSettings(): void {
	cache = undefined;
	observedStamp = null;
}

export { isValidTimeZone } from './settings.schema';
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
	input: SettingsInput
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
		await audit(trx, actor, 'settings.update', 'settings', null, changes);
	});
	forgetCachedSettings();
	return getSettings(db);
}

/**
 * Another module's own settings, stored under `<prefix>_<key>` (e.g. the 督办 terms under
 * `supervision_`): the stored values as text, keyed without the prefix. Not cached.
 */
export async function readSettingGroup(db: DB, prefix: string): Promise<Record<string, string>> {
	const raw = await findAllSettings(db);
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(raw)) {
		if (k.startsWith(`${prefix}_`)) out[k.slice(prefix.length + 1)] = v;
	}
	return out;
}

/** Stores a module's settings under `<prefix>_<key>` (the caller checks permission and audits). */
export async function writeSettingGroup(
	trx: DB,
	prefix: string,
	values: Record<string, string | number>
): Promise<void> {
	for (const [k, v] of Object.entries(values))
		await upsertSetting(trx, `${prefix}_${k}`, String(v));
}
