/**
 * Loading a leave request the actor may see: the applicant, whoever sees the department's
 * leave, and the approvers of its chain (and their stand-ins). Anyone else is told nothing exists.
 */
import type { LeaveViewer } from '../permissions';
import { canSeeLeaveRequest } from '../permissions';
import type { Actor } from '../actor';
import { isApproverOf } from '../approval/approval.service';
import type { DB } from '../db';
import { NotFoundError } from '../errors';
import { findPersonById } from '../org/users.service';
import { findLeaveById, type LeaveRecord } from './requests.repository';

export async function leaveViewer(db: DB, actor: Actor): Promise<LeaveViewer> {
	const p = await findPersonById(db, actor.id);
	return { id: actor.id, roles: actor.roles, departmentId: p?.departmentId ?? null };
}

export async function loadVisibleLeave(
	db: DB,
	viewer: LeaveViewer,
	id: number,
	today: string
): Promise<{ leave: LeaveRecord; isApprover: boolean }> {
	const leave = await findLeaveById(db, id);
	if (!leave) throw new NotFoundError();
	const isApprover = await isApproverOf(db, viewer.id, 'leave', id, today);
	if (!canSeeLeaveRequest(viewer, leave, isApprover)) throw new NotFoundError();
	return { leave, isApprover };
}
