/**
 * The 待审批 inbox as pages show it: each row with its subject's summary (from the kind's own
 * module) and link; and the 已审批 list.
 */
import type { Actor } from '../actor';
import type { DB } from '../db';
import type { ApprovalKind } from '../db/schema-leave';
import {
	approvalInbox,
	approvalsDecidedBy,
	countApprovalInbox,
	isAnApprover,
	type DecidedRow,
	type InboxRow
} from './approval.service';
import { APPROVAL_KINDS } from './kinds';

export type InboxItem = InboxRow & { href: string; summary: string; kindLabel: string };
export type DecidedItem = DecidedRow & { href: string; summary: string; kindLabel: string };

async function withSummaries<T extends { kind: ApprovalKind; subjectId: number }>(
	db: DB,
	rows: T[]
): Promise<(T & { href: string; summary: string; kindLabel: string })[]> {
	const byKind = new Map<ApprovalKind, number[]>();
	for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.subjectId]);
	const summaries = new Map<ApprovalKind, Map<number, { summary: string }>>();
	for (const [kind, ids] of byKind)
		summaries.set(kind, await APPROVAL_KINDS[kind].summaries(db, ids));
	return rows.map((r) => {
		const info = APPROVAL_KINDS[r.kind];
		return {
			...r,
			href: info.href(r.subjectId),
			kindLabel: info.label(),
			summary: summaries.get(r.kind)?.get(r.subjectId)?.summary ?? info.label()
		};
	});
}

export async function inboxItems(
	db: DB,
	actor: Pick<Actor, 'id'>,
	onDate: string,
	o: { limit?: number } = {}
): Promise<InboxItem[]> {
	return withSummaries(db, await approvalInbox(db, actor, onDate, o));
}

export async function decidedItems(
	db: DB,
	actor: Pick<Actor, 'id'>,
	since: string
): Promise<DecidedItem[]> {
	return withSummaries(db, await approvalsDecidedBy(db, actor, since));
}

/** The 工作台 card: the count and the first five; null when the actor approves nothing. */
export async function inboxCard(
	db: DB,
	actor: Pick<Actor, 'id'>,
	onDate: string
): Promise<{ count: number; items: InboxItem[] } | null> {
	const count = await countApprovalInbox(db, actor, onDate);
	if (count === 0 && !(await isAnApprover(db, actor, onDate))) return null;
	return { count, items: count ? await inboxItems(db, actor, onDate, { limit: 5 }) : [] };
}
