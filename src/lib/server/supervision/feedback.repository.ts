import type { DB } from '../db';
import { nestedRead, type RowOf } from '../db/json-rows';

// Feedback entries (反馈) of supervision items: the department answering, the text, the percent,
// the milestone reported on and the monthly cycle answered.

export interface NewFeedback {
	itemId: number;
	departmentId: number;
	authorId: number;
	text: string;
	percent: number | null;
	milestoneId: number | null;
	cycle: string | null;
	at: string;
}

export async function insertFeedback(db: DB, f: NewFeedback): Promise<number> {
	const r = await db
		.insertInto('supervision_feedback')
		.values({
			item_id: f.itemId,
			department_id: f.departmentId,
			author_id: f.authorId,
			text: f.text,
			percent: f.percent,
			milestone_id: f.milestoneId,
			cycle: f.cycle,
			at: f.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export interface FeedbackEntry {
	id: number;
	departmentId: number;
	departmentName: string;
	authorId: number;
	authorName: string;
	text: string;
	percent: number | null;
	milestoneId: number | null;
	cycle: string | null;
	at: string;
}

/** The item's feedback, latest first (listFeedbackOf; the item page reads it nested). */
export function feedbackRead(db: DB, itemId: number) {
	return nestedRead(
		db
			.selectFrom('supervision_feedback as f')
			.innerJoin('departments as d', 'd.id', 'f.department_id')
			.innerJoin('users as u', 'u.id', 'f.author_id')
			.select([
				'f.id',
				'f.department_id',
				'd.name as department_name',
				'f.author_id',
				'u.name as author_name',
				'f.text',
				'f.percent',
				'f.milestone_id',
				'f.cycle',
				'f.at'
			])
			.where('f.item_id', '=', itemId)
			.orderBy('f.at', 'desc')
			.orderBy('f.id', 'desc'),
		['at']
	);
}

export function toFeedbackEntry(r: RowOf<ReturnType<typeof feedbackRead>>): FeedbackEntry {
	return {
		id: r.id,
		departmentId: r.department_id,
		departmentName: r.department_name,
		authorId: r.author_id,
		authorName: r.author_name,
		text: r.text,
		percent: r.percent,
		milestoneId: r.milestone_id,
		cycle: r.cycle,
		at: r.at
	};
}

export async function listFeedbackOf(db: DB, itemId: number): Promise<FeedbackEntry[]> {
	return (await feedbackRead(db, itemId).query.execute()).map(toFeedbackEntry);
}
