import type { DB } from './db';
import type { Actor } from './actor';
import { nowIso } from './clock';
import { insertAuditRow, insertAuditRows } from './audit.repository';

/** What an audit row records, besides who and from where. */
export interface AuditEntry {
	action: string;
	entity: string;
	entityId?: string | number | null;
	changes?: Record<string, unknown>;
}

const SECRET_KEYS = /password|secret|token|hash/i;

/** Who an audit row names: a signed-in actor, or only the address of someone not signed in. */
export type AuditedBy = Pick<Actor, 'id' | 'name' | 'ip'> | { id?: undefined; ip: string };

/**
 * The one audit helper (issue 9): `await audit(trx, actor, 'meeting.cancel', 'meeting', id,
 * { reason })` — in the transaction that makes the change, so both land or neither does.
 * `changes` is what changed (see `diff()`); secrets in it are masked.
 */
export async function audit(
	trx: DB,
	by: AuditedBy,
	action: string,
	entity: string,
	entityId?: string | number | null,
	changes?: Record<string, unknown>
): Promise<void> {
	await insertAuditRow(trx, auditRow(by, { action, entity, entityId, changes }));
}

/**
 * audit() for many entries by one actor in one statement (a scheduler tick that does the same
 * step to many records): the same rows, in the caller's transaction.
 */
export async function auditEach(trx: DB, by: AuditedBy, entries: AuditEntry[]): Promise<void> {
	if (entries.length)
		await insertAuditRows(
			trx,
			entries.map((e) => auditRow(by, e))
		);
}

function auditRow(by: AuditedBy, e: AuditEntry) {
	const masked: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(e.changes ?? {})) {
		masked[k] = SECRET_KEYS.test(k) ? '***' : v;
	}
	return {
		at: nowIso(),
		actor_id: by.id ?? null,
		actor_name: by.id == null ? '' : (by as Actor).name,
		ip: by.ip.slice(0, 64),
		action: e.action,
		entity: e.entity,
		entity_id: e.entityId == null ? null : String(e.entityId),
		changes: JSON.stringify(masked)
	};
}

/** Only the fields whose values differ, as {field: [before, after]}. */
export function diff<T extends Record<string, unknown>>(
	before: T,
	after: Partial<T>
): Record<string, [unknown, unknown]> {
	const out: Record<string, [unknown, unknown]> = {};
	for (const k of Object.keys(after)) {
		if (after[k] !== undefined && before[k] !== after[k]) out[k] = [before[k], after[k]];
	}
	return out;
}

/**
 * Records that someone read data out of the app — an export, a print, a downloaded file
 * (保密: who took which material, and when). Reads change nothing, so this is the one write.
 */
export async function auditExport(db: DB, actor: Actor, e: AuditEntry): Promise<void> {
	await audit(db, actor, e.action, e.entity, e.entityId, e.changes);
}

/**
 * Records a refused request (403) with who, where from and which route. Written on its own,
 * outside the refused work's transaction, which has rolled back.
 */
export async function auditRefusal(
	db: DB,
	r: { actor: Actor | null; ip: string; method: string; path: string; route: string | null }
): Promise<void> {
	await audit(db, r.actor ?? { ip: r.ip }, 'auth.forbidden', 'route', null, {
		route: r.route,
		method: r.method,
		path: r.path.slice(0, 300)
	});
}
