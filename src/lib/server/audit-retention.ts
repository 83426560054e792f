import { z } from 'zod';
import * as m from '$lib/paraglide/messages';
import type { Actor } from './actor';
import { audit, diff } from './audit';
import { deleteAuditRowsBefore } from './audit-retention.repository';
import * as clock from './clock';
import type { DB } from './db';
import { lockName } from './db/locks';
import { inTransaction } from './db/transaction';
import { wholeNumber } from './fields';
import { claimOnce, registerTick } from './jobs/scheduler';
import { canManageAuditRecords, requirePermission } from './permissions';
import { readSettingGroup, writeSettingGroup } from './settings/settings.service';
import { parseInput } from './validation';

// 等保: the audit log is kept at least six months. The security auditor sets how long
// (`audit_retention_months`, default 12 — 三员分立: the administrator, whose actions the log
// records, cannot shorten it); a daily tick deletes rows older than that. The database holds
// the same floor (migration 0021): it refuses to delete a row younger than six months.

/** The legal floor, in months. */
export const MIN_RETENTION_MONTHS = 6;
export const DEFAULT_RETENTION_MONTHS = 12;

export const retentionSchema = z.object({
	months: wholeNumber(MIN_RETENTION_MONTHS, 600, () => m.audit_err_retention())
});
export type RetentionInput = z.input<typeof retentionSchema>;

const PREFIX = 'audit';

export async function getRetentionMonths(db: DB): Promise<number> {
	const raw = (await readSettingGroup(db, PREFIX)).retention_months;
	const n = Number(raw);
	return raw && Number.isInteger(n) ? Math.max(MIN_RETENTION_MONTHS, n) : DEFAULT_RETENTION_MONTHS;
}

export async function setRetentionMonths(
	db: DB,
	actor: Actor,
	input: RetentionInput
): Promise<number> {
	requirePermission(actor, canManageAuditRecords);
	const { months } = parseInput(retentionSchema, input);
	await inTransaction(db, async (trx) => {
		await lockName(trx, 'settings');
		const changes = diff({ months: await getRetentionMonths(trx) }, { months });
		if (!Object.keys(changes).length) return;
		await writeSettingGroup(trx, PREFIX, { retention_months: months });
		await audit(trx, actor, 'audit.retention', 'settings', null, changes);
	});
	return getRetentionMonths(db);
}

/**
 * `months` calendar months before `iso` (UTC), the day clamped to the month's last day as
 * PostgreSQL's interval arithmetic does (31 Aug − 6 months = 28/29 Feb), so the purge never
 * reaches further than the database allows.
 */
export function monthsBefore(iso: string, months: number): string {
	const d = new Date(iso);
	const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - months;
	const year = Math.floor(total / 12);
	const month = total - year * 12;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	const out = new Date(d);
	out.setUTCFullYear(year, month, Math.min(d.getUTCDate(), last));
	return out.toISOString();
}

/**
 * Deletes the audit rows older than the retention — never a row younger than six months,
 * whatever is stored — once per day (claimed), and records the purge itself.
 */
export async function purgeExpiredAudit(
	db: DB,
	now: Date = clock.now()
): Promise<{ before: string; deleted: number } | null> {
	const iso = now.toISOString();
	if (!(await claimOnce(db, `audit.retention:${iso.slice(0, 10)}`))) return null;
	const months = Math.max(MIN_RETENTION_MONTHS, await getRetentionMonths(db));
	// A day's margin: a clock a little ahead of the database's never asks it for a younger row.
	const before = new Date(Date.parse(monthsBefore(iso, months)) - 86_400_000).toISOString();
	return inTransaction(db, async (trx) => {
		const deleted = await deleteAuditRowsBefore(trx, before);
		if (deleted > 0) {
			await audit(trx, { ip: '' }, 'audit.purge', 'audit_log', null, { before, deleted, months });
		}
		return { before, deleted };
	});
}

registerTick('audit.retention', (db, now) => purgeExpiredAudit(db, now));
