import type { SupervisionStatus, UrgeKind } from '$lib/domain/supervision';
import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';

// Urges (催办) of supervision items, and the candidates of one automatic urging tick: each a
// single query over all items, so a tick costs a few statements whatever the number of items.

export async function insertUrge(
	db: DB,
	u: {
		itemId: number;
		kind: UrgeKind;
		urgedBy: number | null;
		message: string;
		at: string;
		isAutomatic: boolean;
	}
): Promise<number> {
	const r = await db
		.insertInto('supervision_urges')
		.values({
			item_id: u.itemId,
			kind: u.kind,
			urged_by: u.urgedBy,
			message: u.message,
			at: u.at,
			is_automatic: u.isAutomatic
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** insertUrge for many urges in one statement (the automatic tick's batch). */
export async function insertUrges(
	db: DB,
	urges: {
		itemId: number;
		kind: UrgeKind;
		urgedBy: number | null;
		message: string;
		at: string;
		isAutomatic: boolean;
	}[]
): Promise<void> {
	if (!urges.length) return;
	await db
		.insertInto('supervision_urges')
		.values(
			urges.map((u) => ({
				item_id: u.itemId,
				kind: u.kind,
				urged_by: u.urgedBy,
				message: u.message,
				at: u.at,
				is_automatic: u.isAutomatic
			}))
		)
		.execute();
}

/**
 * Claims one-time step keys in one statement, claimOnce's rule for each (scheduler.ts): the
 * primary key on job_marks decides, so of any number of processes exactly one wins a key; the
 * keys this call won come back. Callers pass keys in one agreed order, so two processes
 * claiming overlapping batches never wait on each other in a cycle.
 */
export async function claimUrgeKeys(db: DB, keys: string[], at: string): Promise<Set<string>> {
	if (!keys.length) return new Set();
	const rows = await db
		.insertInto('job_marks')
		.values(keys.map((key) => ({ key, created_at: at })))
		.onConflict((oc) => oc.column('key').doNothing())
		.returning('key')
		.execute();
	return new Set(rows.map((r) => r.key));
}

/** When the item was last urged by hand, or null. */
export async function findLastManualUrgeAt(db: DB, itemId: number): Promise<string | null> {
	const r = await db
		.selectFrom('supervision_urges')
		.select('at')
		.where('item_id', '=', itemId)
		.where('is_automatic', '=', false)
		.orderBy('at', 'desc')
		.limit(1)
		.executeTakeFirst();
	return r?.at ?? null;
}

/** The earliest deadline of an item in `statuses` (how far back overdue urges can reach). */
export async function findEarliestDeadline(
	db: DB,
	statuses: readonly SupervisionStatus[]
): Promise<string | null> {
	const r = await db
		.selectFrom('supervision_items')
		.select((eb) => eb.fn.min('deadline').as('deadline'))
		.where('status', 'in', [...statuses])
		.executeTakeFirst();
	return (r?.deadline as string | null | undefined) ?? null;
}

/** The kinds of urge that follow the deadline (one a day at most). */
const DEADLINE_KINDS = ['before', 'due', 'overdue'] as const;

/**
 * Items in `statuses` due on one of `deadlines` and not yet urged about their deadline since
 * `since` (the start of today): the before / due / overdue urges a tick still has to make.
 */
/** The open items whose deadline is `deadline` (the day after it: 督办逾期 for the messaging). */
export async function findItemIdsWithDeadline(
	db: DB,
	statuses: readonly SupervisionStatus[],
	deadline: string
): Promise<number[]> {
	const rows = await db
		.selectFrom('supervision_items')
		.select('id')
		.where('status', 'in', [...statuses])
		.where('deadline', '=', deadline)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.id);
}

export async function findDeadlineCandidates(
	db: DB,
	statuses: readonly SupervisionStatus[],
	deadlines: string[],
	since: string
): Promise<{ id: number; deadline: string }[]> {
	const out: { id: number; deadline: string }[] = [];
	for (let i = 0; i < deadlines.length; i += 1000) {
		const rows = await db
			.selectFrom('supervision_items as i')
			.select(['i.id', 'i.deadline'])
			.where('i.status', 'in', [...statuses])
			.where('i.deadline', 'in', deadlines.slice(i, i + 1000))
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('supervision_urges as u')
							.select('u.id')
							.whereRef('u.item_id', '=', 'i.id')
							.where('u.is_automatic', '=', true)
							.where('u.kind', 'in', [...DEADLINE_KINDS])
							.where('u.at', '>=', since)
					)
				)
			)
			.orderBy('i.id')
			.execute();
		out.push(...rows);
	}
	return out;
}

/**
 * Items in `statuses` with a monthly feedback day before `day`, no feedback answering `cycle`
 * ('YYYY-MM') and no cycle urge since `since` (the month's start): this month's report is
 * missing and nobody was told yet.
 */
export async function findMissedCycleCandidates(
	db: DB,
	statuses: readonly SupervisionStatus[],
	day: number,
	cycle: string,
	since: string
): Promise<{ id: number; feedbackDay: number; signedAt: string | null }[]> {
	const rows = await db
		.selectFrom('supervision_items as i')
		.select(['i.id', 'i.feedback_day', 'i.signed_at'])
		.where('i.status', 'in', [...statuses])
		.where('i.feedback_day', 'is not', null)
		.where('i.feedback_day', '<', day)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('supervision_feedback as f')
						.select('f.id')
						.whereRef('f.item_id', '=', 'i.id')
						.where('f.cycle', '=', cycle)
				)
			)
		)
		// Already urged for this cycle (since the month began).
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('supervision_urges as u')
						.select('u.id')
						.whereRef('u.item_id', '=', 'i.id')
						.where('u.is_automatic', '=', true)
						.where('u.kind', '=', 'cycle')
						.where('u.at', '>=', since)
				)
			)
		)
		.orderBy('i.id')
		.execute();
	return rows.map((r) => ({ id: r.id, feedbackDay: r.feedback_day!, signedAt: r.signed_at }));
}

/** Milestones not done and due before `today`, of items in `statuses`. */
export async function findOverdueMilestones(
	db: DB,
	statuses: readonly SupervisionStatus[],
	today: string
): Promise<{ itemId: number; milestoneId: number; title: string; dueDate: string }[]> {
	const rows = await db
		.selectFrom('supervision_milestones as ms')
		.innerJoin('supervision_items as i', 'i.id', 'ms.item_id')
		.select(['ms.item_id', 'ms.id', 'ms.title', 'ms.due_date'])
		.where('i.status', 'in', [...statuses])
		.where('ms.done_at', 'is', null)
		.where('ms.due_date', '<', today)
		.orderBy('ms.item_id')
		.orderBy('ms.seq')
		.execute();
	return rows.map((r) => ({
		itemId: r.item_id,
		milestoneId: r.id,
		title: r.title,
		dueDate: r.due_date
	}));
}

/**
 * Which of these one-time step keys some process already claimed (job_marks, see claimOnce):
 * a tick skips them without a round trip each. The claim itself still decides.
 */
export async function findClaimedKeys(db: DB, keys: string[]): Promise<Set<string>> {
	const out = new Set<string>();
	for (let i = 0; i < keys.length; i += 500) {
		const rows = await db
			.selectFrom('job_marks')
			.select('key')
			.where('key', 'in', keys.slice(i, i + 500))
			.execute();
		for (const r of rows) out.add(r.key);
	}
	return out;
}

export interface UrgeEntry {
	id: number;
	kind: UrgeKind;
	urgedByName: string | null;
	message: string;
	at: string;
	isAutomatic: boolean;
}

/** The item's urges, latest first (listUrgesOf; the item page reads them nested). */
export function urgesRead(db: DB, itemId: number) {
	return nestedRead(
		db
			.selectFrom('supervision_urges as g')
			.leftJoin('users as u', 'u.id', 'g.urged_by')
			.select(['g.id', 'g.kind', 'u.name', 'g.message', 'g.at', 'g.is_automatic'])
			.where('g.item_id', '=', itemId)
			.orderBy('g.at', 'desc')
			.orderBy('g.id', 'desc'),
		['at']
	);
}

export function toUrgeEntry(r: RowOf<ReturnType<typeof urgesRead>>): UrgeEntry {
	return {
		id: r.id,
		kind: r.kind,
		urgedByName: r.name,
		message: r.message,
		at: r.at,
		isAutomatic: Boolean(r.is_automatic)
	};
}

export async function listUrgesOf(db: DB, itemId: number): Promise<UrgeEntry[]> {
	return (await urgesRead(db, itemId).query.execute()).map(toUrgeEntry);
}
