import type { DB } from '../db';

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

export async function listMilestones(db: DB, itemId: number): Promise<Milestone[]> {
	const rows = await db
		.selectFrom('supervision_milestones')
		.selectAll()
		.where('item_id', '=', itemId)
		.orderBy('seq')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		itemId: r.item_id,
		seq: r.seq,
		title: r.title,
		dueDate: r.due_date,
		doneAt: r.done_at,
		doneBy: r.done_by
	}));
}
