/**
 * The request kinds the approval engine runs, and how the inbox shows a subject of each: where
 * it opens and its one-line summary (the kind's own module writes it, e.g. "年休假 12月8日—12月10日 · 3天").
 */
import * as m from '$lib/paraglide/messages';
import type { DB } from '../db';
import type { ApprovalKind } from '../db/schema-leave';

export interface ApprovalKindInfo {
	href: (subjectId: number) => string;
	label: () => string;
	/** Summaries of subjects by id; a subject missing from the map shows the kind's label. */
	summaries: (db: DB, ids: number[]) => Promise<Map<number, { summary: string }>>;
}

export const APPROVAL_KINDS: Record<ApprovalKind, ApprovalKindInfo> = {
	leave: {
		href: (id) => `/leave/${id}`,
		label: m.approval_kind_leave,
		summaries: async (db, ids) => {
			// Loaded lazily: the leave module imports the engine, not the other way round at load.
			const { leaveInboxSummaries } = await import('../leave/requests.query');
			return leaveInboxSummaries(db, ids);
		}
	}
};
