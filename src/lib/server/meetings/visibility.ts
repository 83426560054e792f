import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { CLASSIFIED_LEVELS, isClassified, type Classification } from '$lib/domain/meetings';
import type { Actor } from '../actor';
import { hasRole } from '../auth/guard';
import type { Database, MeetingStatus } from '../db/schema';
import type { Relation } from './calendar.repository';

// The one rule of who sees what of a meeting. Lists, search, calendar, home and conflict
// warnings ask it here: the JS predicate for rows already read, the SQL expression for queries.

type Viewer = Pick<Actor, 'id' | 'roles'>;

/** What the rule reads of a meeting. */
export interface MeetingFacts {
	status: MeetingStatus;
	classification: Classification;
	createdBy: number;
}

/**
 * How the viewer stands to the meeting: host, recorder, participant or deputy (true or the
 * relation's name), or nothing (false or null). The creator is read from the meeting itself.
 */
export type Involvement = boolean | Relation | null;

/** The office plans every meeting and so sees every meeting. */
export function isPlanner(actor: Pick<Actor, 'roles'>): boolean {
	return hasRole(actor, 'office', 'admin');
}

const involved = (i: Involvement) => i !== false && i !== null && i !== 'creator';

/** Whether the viewer may open the meeting's page: planners, its creator, and those on it. */
export function canOpenMeeting(actor: Viewer, m: MeetingFacts, involvement: Involvement): boolean {
	if (isPlanner(actor) || m.createdBy === actor.id) return true;
	return m.status !== 'draft' && involved(involvement);
}

/**
 * Whether the viewer may see the meeting's title, type and people where a list or a calendar
 * shows it: drafts only to planners and their creator; 秘密/机密 meetings only to those who may
 * open them — everyone else sees at most its time and room.
 */
export function canSeeMeetingContent(
	actor: Viewer,
	m: MeetingFacts,
	involvement: Involvement
): boolean {
	if (canOpenMeeting(actor, m, involvement)) return true;
	return m.status !== 'draft' && !isClassified(m.classification);
}

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
		if (isPlanner(actor)) return eb.and([]);
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
