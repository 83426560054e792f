import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';

// Milestones (节点) of a long item, each with its own date; feedback may report one done.

export interface Milestone {
	id: number;
	itemId: number;
	seq: number;
	title: string;
	dueDate: string;
	doneAt: string | null;
	doneBy: number | null;
}

/** Adds milestones numbered after the item's existing ones. */
export async function insertMilestones(
	db: DB,
	itemId: number,
	milestones: { title: string; dueDate: string }[]
): Promise<void> {
	if (!milestones.length) return;
	const last = await db
		.selectFrom('supervision_milestones')
		.select((eb) => eb.fn.max('seq').as('seq'))
		.where('item_id', '=', itemId)
		.executeTakeFirst();
	const start = Number(last?.seq ?? 0);
	await db
		.insertInto('supervision_milestones')
		.values(
			milestones.map((ms, i) => ({
				item_id: itemId,
				seq: start + i + 1,
				title: ms.title,
				due_date: ms.dueDate
			}))
		)
		.execute();
}

/** The item's milestones in order (listMilestones; the item page reads them nested). */
export function milestonesRead(db: DB, itemId: number) {
	return nestedRead(
		db
			.selectFrom('supervision_milestones')
			.select(['id', 'item_id', 'seq', 'title', 'due_date', 'done_at', 'done_by'])
			.where('item_id', '=', itemId)
			.orderBy('seq'),
		['done_at']
	);
}

export function toMilestone(r: RowOf<ReturnType<typeof milestonesRead>>): Milestone {
	return {
		id: r.id,
		itemId: r.item_id,
		seq: r.seq,
		title: r.title,
		dueDate: r.due_date,
		doneAt: r.done_at,
		doneBy: r.done_by
	};
}

export async function listMilestones(db: DB, itemId: number): Promise<Milestone[]> {
	return (await milestonesRead(db, itemId).query.execute()).map(toMilestone);
}

/** Adds one milestone after the item's existing ones (hold the item first); its id. */
export async function insertMilestone(
	db: DB,
	itemId: number,
	ms: { title: string; dueDate: string }
): Promise<number> {
	const last = await db
		.selectFrom('supervision_milestones')
		.select((eb) => eb.fn.max('seq').as('seq'))
		.where('item_id', '=', itemId)
		.executeTakeFirst();
	const r = await db
		.insertInto('supervision_milestones')
		.values({
			item_id: itemId,
			seq: Number(last?.seq ?? 0) + 1,
			title: ms.title,
			due_date: ms.dueDate
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** One milestone, if it belongs to the item. */
export async function findMilestone(
	db: DB,
	itemId: number,
	id: number
): Promise<Milestone | undefined> {
	const r = await db
		.selectFrom('supervision_milestones')
		.selectAll()
		.where('id', '=', id)
		.where('item_id', '=', itemId)
		.executeTakeFirst();
	return r
		? {
				id: r.id,
				itemId: r.item_id,
				seq: r.seq,
				title: r.title,
				dueDate: r.due_date,
				doneAt: r.done_at,
				doneBy: r.done_by
			}
		: undefined;
}

/** Compare-and-set: marks the milestone done if it is not yet; true for the one caller that won. */
export async function markMilestoneDone(
	db: DB,
	id: number,
	at: string,
	by: number
): Promise<boolean> {
	const r = await db
		.updateTable('supervision_milestones')
		.set({ done_at: at, done_by: by })
		.where('id', '=', id)
		.where('done_at', 'is', null)
		.returning('id')
		.executeTakeFirst();
	return !!r;
}
