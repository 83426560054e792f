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

declare const checked: unique symbol;
/** A meeting loadVisibleMeeting let an actor see: only that function makes one, so a function
 * given one need not check again (for the same actor, within the same request). */
export type VisibleMeeting = Meeting & { readonly [checked]: true };

/** A meeting the actor may see; anything else is "not found" (drafts only to planners). */
export async function loadVisibleMeeting(
	db: DB,
	actor: Actor,
	id: number
): Promise<VisibleMeeting> {
	const m = await findMeetingById(db, id);
	if (!m) throw new NotFoundError();
	// Planners and the creator need no look at the participants.
	if (canOpenMeeting(actor, m, false)) return m as VisibleMeeting;
	if (m.status !== 'draft' && canOpenMeeting(actor, m, await isInvolved(db, actor, m))) {
		return m as VisibleMeeting;
	}
	throw new NotFoundError();
}

/**
 * The meeting a page already loaded for this actor, or the one with this id, checked: a page
 * made of several parts (details, minutes, my seat) reads and checks the meeting once.
 */
export function visibleMeeting(
	db: DB,
	actor: Actor,
	meeting: number | VisibleMeeting
): Promise<VisibleMeeting> {
	return typeof meeting === 'number'
		? loadVisibleMeeting(db, actor, meeting)
		: Promise.resolve(meeting);
}

export async function loadManagedMeeting(
	db: DB,
	actor: Actor,
	id: number
): Promise<VisibleMeeting> {
	const m = await loadVisibleMeeting(db, actor, id);
	if (!canManageMeeting(actor, m)) throw new ForbiddenError();
	return m;
}

/** The people on a meeting the caller has loaded, with their replies (minutes' 出席/请假 lines). */
export function participantsOf(db: DB, meeting: Pick<Meeting, 'id'>): Promise<Participant[]> {
	return listParticipants(db, meeting.id);
}
