import type { Actor } from '../actor';
import { hasRole } from '../auth/guard';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { findCheckinMeeting, findRowsForPerson, type CheckinMeeting } from './checkin.repository';

export const isOfficeRole = (actor: Actor) => hasRole(actor, 'office', 'admin');
export const isClassified = (mt: Pick<CheckinMeeting, 'classification'>) =>
	mt.classification === 'secret' || mt.classification === 'confidential';

/** Whether the actor may know the meeting exists: then a refusal is 403, otherwise 404. */
async function canSeeMeeting(db: DB, actor: Actor, mt: CheckinMeeting): Promise<boolean> {
	if (isOfficeRole(actor) || mt.createdBy === actor.id) return true;
	if (mt.status === 'draft') return false;
	if (mt.hostId === actor.id || mt.recorderId === actor.id) return true;
	return (await findRowsForPerson(db, mt.id, actor.id)).length > 0;
}

/** The meeting if `allowed` says so; otherwise ForbiddenError or NotFoundError as above. */
export async function meetingFor(
	db: DB,
	actor: Actor,
	meetingId: number,
	allowed: (mt: CheckinMeeting) => boolean
): Promise<CheckinMeeting> {
	const mt = await findCheckinMeeting(db, meetingId);
	if (!mt) throw new NotFoundError();
	if (allowed(mt)) return mt;
	throw (await canSeeMeeting(db, actor, mt)) ? new ForbiddenError() : new NotFoundError();
}

/** Who sees the QR code and the attendance list. */
export const organiserOrHost = (actor: Actor) => (mt: CheckinMeeting) =>
	isOfficeRole(actor) || mt.createdBy === actor.id || mt.hostId === actor.id;
/** Who may tick people in by hand. */
export const organiser = (actor: Actor) => (mt: CheckinMeeting) =>
	isOfficeRole(actor) || mt.createdBy === actor.id;
