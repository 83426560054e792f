import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';

// Tasks (任务分解) of a supervision item: a part of it given to one person of the lead department.

export interface SupervisionTask {
	id: number;
	itemId: number;
	assigneeId: number;
	text: string;
	deadline: string | null;
	createdBy: number;
	createdAt: string;
	doneAt: string | null;
}

export async function insertTask(
	db: DB,
	t: {
		itemId: number;
		assigneeId: number;
		text: string;
		deadline: string | null;
		createdBy: number;
		at: string;
	}
): Promise<number> {
	const r = await db
		.insertInto('supervision_tasks')
		.values({
			item_id: t.itemId,
			assignee_id: t.assigneeId,
			text: t.text,
			deadline: t.deadline,
			created_by: t.createdBy,
			created_at: t.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** One task, if it belongs to the item. */
export async function findTask(
	db: DB,
	itemId: number,
	taskId: number
): Promise<SupervisionTask | undefined> {
	const r = await db
		.selectFrom('supervision_tasks')
		.selectAll()
		.where('id', '=', taskId)
		.where('item_id', '=', itemId)
		.executeTakeFirst();
	return r
		? {
				id: r.id,
				itemId: r.item_id,
				assigneeId: r.assignee_id,
				text: r.text,
				deadline: r.deadline,
				createdBy: r.created_by,
				createdAt: r.created_at,
				doneAt: r.done_at
			}
		: undefined;
}

/** Compare-and-set: marks the task done if it is not yet; true for the one caller that won. */
export async function markTaskDone(db: DB, taskId: number, at: string): Promise<boolean> {
	const r = await db
		.updateTable('supervision_tasks')
		.set({ done_at: at })
		.where('id', '=', taskId)
		.where('done_at', 'is', null)
		.returning('id')
		.executeTakeFirst();
	return !!r;
}

export interface TaskEntry {
	id: number;
	assigneeId: number;
	assigneeName: string;
	text: string;
	deadline: string | null;
	createdAt: string;
	doneAt: string | null;
}

/** The item's tasks in the order given (listTasksOf; the item page reads them nested). */
export function tasksRead(db: DB, itemId: number) {
	return nestedRead(
		db
			.selectFrom('supervision_tasks as t')
			.innerJoin('users as u', 'u.id', 't.assignee_id')
			.select([
				't.id',
				't.assignee_id',
				'u.name',
				't.text',
				't.deadline',
				't.created_at',
				't.done_at'
			])
			.where('t.item_id', '=', itemId)
			.orderBy('t.id'),
		['created_at', 'done_at']
	);
}

export function toTaskEntry(r: RowOf<ReturnType<typeof tasksRead>>): TaskEntry {
	return {
		id: r.id,
		assigneeId: r.assignee_id,
		assigneeName: r.name,
		text: r.text,
		deadline: r.deadline,
		createdAt: r.created_at,
		doneAt: r.done_at
	};
}

export async function listTasksOf(db: DB, itemId: number): Promise<TaskEntry[]> {
	return (await tasksRead(db, itemId).query.execute()).map(toTaskEntry);
}
