import type { DB } from './db';
import type { Actor } from './actor';
import { nowIso } from './clock';
import { insertAuditRow } from './audit.repository';

export interface AuditEntry {
	actor: Pick<Actor, 'id' | 'name'> | null;
	ip: string;
	action: string;
	entity: string;
	entityId?: string | number | null;
	changes?: Record<string, unknown>;
}

const SECRET_KEYS = /password|secret|token|hash/i;

/** Writes one audit row; call it with the transaction that makes the change. Prefer `audit()`. */
export async function recordAudit(trx: DB, e: AuditEntry): Promise<void> {
	const changes: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(e.changes ?? {})) {
		changes[k] = SECRET_KEYS.test(k) ? '***' : v;
	}
	await insertAuditRow(trx, {
		at: nowIso(),
		actor_id: e.actor?.id ?? null,
		actor_name: e.actor?.name ?? '',
		ip: e.ip.slice(0, 64),
		action: e.action,
		entity: e.entity,
		entity_id: e.entityId == null ? null : String(e.entityId),
		changes: JSON.stringify(changes)
	});
}

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
	await recordAudit(trx, {
		actor: by.id == null ? null : { id: by.id, name: (by as Actor).name },
		ip: by.ip,
		action,
		entity,
		entityId,
		changes
	});
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
export async function auditExport(
	db: DB,
	actor: Actor,
	e: Omit<AuditEntry, 'actor' | 'ip'>
): Promise<void> {
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
