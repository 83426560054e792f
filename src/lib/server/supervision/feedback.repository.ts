import type { DB } from '../db';

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
