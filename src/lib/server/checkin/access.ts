import { isClassified as isClassifiedLevel } from '$lib/domain/meetings';
import type { Actor } from '../actor';
import type { DB } from '../db';
import { ForbiddenError } from '../errors';
import { loadVisibleMeeting } from '../meetings/access';
import { canManageMeeting } from '../permissions';
import { findCheckinMeeting, type CheckinMeeting } from './checkin.repository';

export const isClassified = (mt: Pick<CheckinMeeting, 'classification'>) =>
	isClassifiedLevel(mt.classification);

/**
 * The meeting if `allowed` says so. Someone who may not see the meeting at all gets "not found"
 * (the meetings module's rule); someone who may see it but not do this gets "forbidden".
 */
export async function meetingFor(
	db: DB,
	actor: Actor,
	meetingId: number,
	allowed: (mt: CheckinMeeting) => boolean
): Promise<CheckinMeeting> {
	await loadVisibleMeeting(db, actor, meetingId);
	const mt = (await findCheckinMeeting(db, meetingId))!;
	if (!allowed(mt)) throw new ForbiddenError();
	return mt;
}

/** Who may tick people in by hand: whoever manages the meeting. */
export const organiser = (actor: Actor) => (mt: CheckinMeeting) => canManageMeeting(actor, mt);
/** Who sees the QR code and the attendance list: the managers and the host. */
export const organiserOrHost = (actor: Actor) => (mt: CheckinMeeting) =>
	organiser(actor)(mt) || mt.hostId === actor.id;
