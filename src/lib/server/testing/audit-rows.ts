import type { DB } from '../db';

export interface AuditRowView {
	id: number;
	at: string;
	actorId: number | null;
	actorName: string;
	ip: string;
	action: string;
	entity: string;
	entityId: string | null;
	changes: Record<string, unknown>;
}

/** The audit log in writing order, `changes` parsed, for asserting what a service recorded. */
export async function auditRows(db: DB, action?: string): Promise<AuditRowView[]> {
	let q = db.selectFrom('audit_log').selectAll();
	if (action) q = q.where('action', '=', action);
	const rows = await q.orderBy('id').execute();
	return rows.map((r) => ({
		id: r.id,
		at: r.at,
		actorId: r.actor_id,
		actorName: r.actor_name,
		ip: r.ip,
		action: r.action,
		entity: r.entity,
		entityId: r.entity_id,
		changes: JSON.parse(r.changes) as Record<string, unknown>
	}));
}
