import type { Actor } from '../actor';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { findMeetingById, type MeetingJoined } from './meetings.repository';
import { canManageMeeting, canOpenMeeting, type MeetingFacts } from '../permissions';

const facts = (m: MeetingJoined): MeetingFacts => ({
	status: m.status,
	classification: m.classification,
	createdBy: m.created_by
});

export async function isInvolved(db: DB, actor: Actor, m: MeetingJoined): Promise<boolean> {
	if (m.host_id === actor.id || m.recorder_id === actor.id) return true;
	const row = await db
		.selectFrom('meeting_participants')
		.select('id')
		.where('meeting_id', '=', m.id)
		.where((eb) => eb.or([eb('user_id', '=', actor.id), eb('deputy_id', '=', actor.id)]))
		.executeTakeFirst();
	return !!row;
}

/** A meeting the actor may see; anything else is "not found" (drafts only to planners). */
export async function loadVisibleMeeting(db: DB, actor: Actor, id: number): Promise<MeetingJoined> {
	const m = await findMeetingById(db, id);
	if (!m) throw new NotFoundError();
	// Planners and the creator need no look at the participants.
	if (canOpenMeeting(actor, facts(m), false)) return m;
	if (m.status !== 'draft' && canOpenMeeting(actor, facts(m), await isInvolved(db, actor, m))) {
		return m;
	}
	throw new NotFoundError();
}

export async function loadManagedMeeting(db: DB, actor: Actor, id: number): Promise<MeetingJoined> {
	const m = await loadVisibleMeeting(db, actor, id);
	if (!canManageMeeting(actor, facts(m))) throw new ForbiddenError();
	return m;
}
