import type { Actor } from './actor';
import { findAuditEntries, type AuditFilter } from './audit.repository';
import { requireRole } from './auth/guard';
import type { DB } from './db';
import { getSettings } from './settings/settings.service';
import { nextDate, zonedToInstant } from '$lib/domain/zoned-time';

export interface AuditQuery extends Omit<AuditFilter, 'from' | 'to'> {
	/** Office-zone calendar dates, inclusive. */
	fromDate?: string;
	toDate?: string;
}

/** The audit log is read-only for everyone; only admin and the security auditor read it. */
export async function searchAuditLog(db: DB, actor: Actor, q: AuditQuery) {
	requireRole(actor, 'admin', 'auditor');
	const { timeZone } = await getSettings(db);
	const valid = (d?: string) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined);
	const from = valid(q.fromDate);
	const to = valid(q.toDate);
	const result = await findAuditEntries(db, {
		...q,
		from: from && zonedToInstant(from, '00:00', timeZone),
		to: to && zonedToInstant(nextDate(to), '00:00', timeZone)
	});
	return {
		total: result.total,
		entries: result.rows.map((r) => ({
			id: r.id,
			at: r.at,
			actorName: r.actor_name,
			ip: r.ip,
			action: r.action,
			entity: r.entity,
			entityId: r.entity_id,
			changes: JSON.parse(r.changes) as Record<string, unknown>
		}))
	};
}
