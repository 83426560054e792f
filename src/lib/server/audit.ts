import type { DB } from './db';
import type { Actor } from './actor';

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
			at: new Date().toISOString(),
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
