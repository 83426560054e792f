import type { DB } from './db';
import type { Actor } from './actor';
import { nowIso } from './clock';

export interface AuditEntry {
	actor: Pick<Actor, 'id' | 'name'> | null;
	ip: string;
	action: string;
	entity: string;
	entityId?: string | number | null;
	changes?: Record<string, unknown>;
}

const SECRET_KEYS = /password|secret|token|hash/i;

/** Writes one audit row; call it with the transaction that makes the change. */
export async function recordAudit(trx: DB, e: AuditEntry): Promise<void> {
	const changes: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(e.changes ?? {})) {
		changes[k] = SECRET_KEYS.test(k) ? '***' : v;
	}
	await trx
		.insertInto('audit_log')
		.values({
			at: nowIso(),
			actor_id: e.actor?.id ?? null,
			actor_name: e.actor?.name ?? '',
			ip: e.ip.slice(0, 64),
			action: e.action,
			entity: e.entity,
			entity_id: e.entityId == null ? null : String(e.entityId),
			changes: JSON.stringify(changes)
		})
		.execute();
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
	await recordAudit(db, { ...e, actor, ip: actor.ip });
}

/**
 * Records a refused request (403) with who, where from and which route. Written on its own,
 * outside the refused work's transaction, which has rolled back.
 */
export async function auditRefusal(
	db: DB,
	r: { actor: Actor | null; ip: string; method: string; path: string; route: string | null }
): Promise<void> {
	await recordAudit(db, {
		actor: r.actor,
		ip: r.ip,
		action: 'auth.forbidden',
		entity: 'route',
		changes: { route: r.route, method: r.method, path: r.path.slice(0, 300) }
	});
}
