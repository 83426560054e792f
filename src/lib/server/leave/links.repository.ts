import type { LeaveHalf, LeaveType } from '$lib/domain/leave';
import type { DB } from '../db';

// Approved leave as the other modules see it (planners' conflicts, calendars, the department
// leave calendar): the reads LINKS makes on leave_requests.

/** Approved leave of one person; the dates are the days off as approved. */
export interface ApprovedLeaveRow {
	leaveId: number;
	userId: number;
	userName: string;
	departmentId: number | null;
	type: LeaveType;
	startDate: string;
	startHalf: LeaveHalf;
	endDate: string;
	endHalf: LeaveHalf;
	/** 销假: the first half day back at work, when reported (an early return shortens the leave). */
	returnDate: string | null;
	returnHalf: LeaveHalf | null;
	approvedAt: string | null;
}

/**
 * Leave approved (or approved and since reported back, 销假) meeting [from, to] (dates, both
 * included): of these people, or of one department (the department index bounds it), or all.
 * One query; start order.
 */
export async function findApprovedLeave(
	db: DB,
	q: { userIds?: number[]; departmentId?: number | null; from: string; to: string }
): Promise<ApprovedLeaveRow[]> {
	if (q.userIds && !q.userIds.length) return [];
	let query = db
		.selectFrom('leave_requests as l')
		.innerJoin('users as u', 'u.id', 'l.applicant_id')
		.select([
			'l.id as leaveId',
			'l.applicant_id as userId',
			'u.name as userName',
			'l.department_id as departmentId',
			'l.type',
			'l.start_date as startDate',
			'l.start_half as startHalf',
			'l.end_date as endDate',
			'l.end_half as endHalf',
			'l.return_date as returnDate',
			'l.return_half as returnHalf',
			'l.approved_at as approvedAt'
		])
		.where('l.status', 'in', ['approved', 'reported'])
		.where('l.start_date', '<=', q.to)
		.where('l.end_date', '>=', q.from);
	if (q.departmentId != null) query = query.where('l.department_id', '=', q.departmentId);
	if (q.userIds) query = query.where('l.applicant_id', 'in', q.userIds);
	return query.orderBy('l.start_date').orderBy('l.id').execute();
}
