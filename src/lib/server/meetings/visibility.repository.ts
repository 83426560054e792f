import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { CLASSIFIED_LEVELS } from '$lib/domain/meetings';
import type { Actor } from '../actor';
import type { Database } from '../db/schema';
import { canPlanMeetings } from '../permissions';

// The one rule of who sees what of a meeting, as SQL: lists, search, calendar, home and
// conflict warnings ask it here for queries, and canSeeMeetingContent (permissions.ts) for rows
// already read. The two must agree (visibility.test.ts).

type Viewer = Pick<Actor, 'id' | 'roles'>;

type EB = ExpressionBuilder<Database, 'meetings'>;

/** Host, recorder, participant or deputy of the meeting in `meetings`. */
function involves(eb: EB, userId: number): Expression<SqlBool> {
	const on = (column: 'p.user_id' | 'p.deputy_id') =>
		eb.exists(
			eb
				.selectFrom('meeting_participants as p')
				.select('p.id')
				.whereRef('p.meeting_id', '=', 'meetings.id')
				.where(column, '=', userId)
		);
	return eb.or([
		eb('meetings.host_id', '=', userId),
		eb('meetings.recorder_id', '=', userId),
		on('p.user_id'),
		on('p.deputy_id')
	]);
}

/** canSeeMeetingContent as a condition on `meetings`, for `.where(contentVisibleTo(actor))`. */
export function contentVisibleTo(actor: Viewer) {
	return (eb: EB): Expression<SqlBool> => {
		if (canPlanMeetings(actor)) return eb.and([]);
		return eb.or([
			eb('meetings.created_by', '=', actor.id),
			eb.and([
				eb('meetings.status', '!=', 'draft'),
				eb.or([
					eb('meetings.classification', 'not in', [...CLASSIFIED_LEVELS]),
					involves(eb, actor.id)
				])
			])
		]);
	};
}
export type ContentVisibility = ReturnType<typeof contentVisibleTo>;
