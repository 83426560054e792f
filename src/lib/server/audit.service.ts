import type { Actor } from './actor';
import { findAuditEntries, findClassifiedMeetingIds, type AuditFilter } from './audit.repository';
import { canReadAuditLog, requirePermission } from './permissions';
import type { DB } from './db';
import { getSettings } from './settings/settings.service';
import { nextDate, zonedToInstant } from '$lib/domain/zoned-time';
import { CLASSIFIED_LABEL } from '$lib/domain/invite';
import { isClassified } from '$lib/domain/meetings';
import type { Classification } from './db/schema';

export interface AuditQuery extends Omit<AuditFilter, 'from' | 'to'> {
	/** Office-zone calendar dates, inclusive. */
	fromDate?: string;
	toDate?: string;
}

/** What an entry's changes may say of a classified meeting: these fields are masked. */
const MEETING_CONTENT = ['title', 'description', 'file', 'location', 'reason'];

/** Whether the entry's own changes record a classified level (now or before a change). */
function recordsClassified(changes: Record<string, unknown>): boolean {
	const c = changes.classification;
	const levels = Array.isArray(c) ? c : [c];
	return levels.some((l) => typeof l === 'string' && isClassified(l as Classification));
}

/**
 * 涉密会议: the audit log outlives a meeting's reader list, so titles and other content of a
 * meeting classified now, or classified in the entry itself, are shown as 涉密会议.
 */
function maskClassified(
	entity: string,
	entityId: string | null,
	changes: Record<string, unknown>,
	classifiedNow: Set<number>
): Record<string, unknown> {
	if (entity !== 'meeting') return changes;
	if (!classifiedNow.has(Number(entityId)) && !recordsClassified(changes)) return changes;
	const out = { ...changes };
	for (const k of MEETING_CONTENT) {
		const v = out[k];
		if (v == null || v === '') continue;
		out[k] = Array.isArray(v) ? v.map(() => CLASSIFIED_LABEL) : CLASSIFIED_LABEL;
	}
	return out;
}

/**
 * The audit log is read-only for everyone, and only the security auditor reads it (三员分立:
 * the system administrator's own actions are what the auditor checks).
 */
export async function searchAuditLog(db: DB, actor: Actor, q: AuditQuery) {
	requirePermission(actor, canReadAuditLog);
	const { timeZone } = await getSettings(db);
	const valid = (d?: string) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : undefined);
	const from = valid(q.fromDate);
	const to = valid(q.toDate);
	const result = await findAuditEntries(db, {
		...q,
		from: from && zonedToInstant(from, '00:00', timeZone),
		to: to && zonedToInstant(nextDate(to), '00:00', timeZone)
	});
	const meetingIds = result.rows
		.filter((r) => r.entity === 'meeting')
		.map((r) => Number(r.entityId))
		.filter((id) => Number.isInteger(id) && id > 0);
	const classifiedNow = await findClassifiedMeetingIds(db, [...new Set(meetingIds)]);
	return {
		total: result.total,
		entries: result.rows.map((r) => ({
			id: r.id,
			at: r.at,
			actorName: r.actorName,
			ip: r.ip,
			action: r.action,
			entity: r.entity,
			entityId: r.entityId,
			changes: maskClassified(
				r.entity,
				r.entityId,
				JSON.parse(r.changes) as Record<string, unknown>,
				classifiedNow
			)
		}))
	};
}

/**
 * One record's own history (a meeting's 操作记录), newest first, for a service that has already
 * checked the reader may manage the record.
 */
export async function recordHistory(db: DB, entity: string, entityId: string, limit = 100) {
	const { rows } = await findAuditEntries(db, { entity, entityId, page: 1, pageSize: limit });
	return rows.map((r) => ({
		at: r.at,
		actor: r.actorName,
		action: r.action,
		entity: r.entity,
		entityId: r.entityId,
		changes: JSON.parse(r.changes) as Record<string, unknown>
	}));
}

/** Whether `action` was recorded on the record at or after `since` (a 催办 minutes ago). */
export async function wasRecordedSince(
	db: DB,
	r: { entity: string; entityId: string; action: string; since: string }
): Promise<boolean> {
	const found = await findAuditEntries(db, { ...r, from: r.since, page: 1, pageSize: 1 });
	return found.total > 0;
}
