import type { DB } from './db';

/** Deletes the audit rows recorded before `before` (ISO instant); returns how many. */
export async function deleteAuditRowsBefore(trx: DB, before: string): Promise<number> {
	const r = await trx.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst();
	return Number(r.numDeletedRows);
}
