import type { Actor } from '../actor';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { findMeetingById, type Meeting } from './meetings.repository';
import {
	isParticipantOrDeputy,
	listParticipants,
	type Participant
} from './participants.repository';
import { canManageMeeting, canOpenMeeting } from '../permissions';

/** Host, recorder, participant or deputy of the meeting. */
export async function isInvolved(db: DB, actor: Actor, m: Meeting): Promise<boolean> {
	if (m.hostId === actor.id || m.recorderId === actor.id) return true;
	return isParticipantOrDeputy(db, m.id, actor.id);
}

/** A meeting the actor may see; anything else is "not found" (drafts only to planners). */
export async function loadVisibleMeeting(db: DB, actor: Actor, id: number): Promise<Meeting> {
	const m = await findMeetingById(db, id);
	if (!m) throw new NotFoundError();
	// Planners and the creator need no look at the participants.
	if (canOpenMeeting(actor, m, false)) return m;
	if (m.status !== 'draft' && canOpenMeeting(actor, m, await isInvolved(db, actor, m))) {
		return m;
	}
	throw new NotFoundError();
}

export async function loadManagedMeeting(db: DB, actor: Actor, id: number): Promise<Meeting> {
	const m = await loadVisibleMeeting(db, actor, id);
	if (!canManageMeeting(actor, m)) throw new ForbiddenError();
	return m;
}

/** The people on a meeting the caller has loaded, with their replies (minutes' 出席/请假 lines). */
export function participantsOf(db: DB, meeting: Pick<Meeting, 'id'>): Promise<Participant[]> {
	return listParticipants(db, meeting.id);
}
