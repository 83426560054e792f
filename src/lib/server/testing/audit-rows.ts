import type { DB } from '../db';
import { toAuditRecord, type AuditRecord } from '../audit.repository';

export type AuditRowView = Omit<AuditRecord, 'changes'> & { changes: Record<string, unknown> };

/** The audit log in writing order, `changes` parsed, for asserting what a service recorded. */
export async function auditRows(db: DB, action?: string): Promise<AuditRowView[]> {
	let q = db.selectFrom('audit_log').selectAll();
	if (action) q = q.where('action', '=', action);
	const rows = await q.orderBy('id').execute();
	return rows.map((r) => {
		const record = toAuditRecord(r);
		return { ...record, changes: JSON.parse(record.changes) as Record<string, unknown> };
	});
}
