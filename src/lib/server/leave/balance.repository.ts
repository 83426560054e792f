/** The SQL behind balances: days per person and type for a year, and the office's quotas. */
import { sql } from 'kysely';
import type { LeaveType } from '$lib/domain/leave';
import type { DB } from '../db';

export interface LeaveSums {
	userId: number;
	type: LeaveType;
	/** Approved or reported (销假 done) requests. */
	takenHalfDays: number;
	/** Given back by an early 销假. */
	returnedHalfDays: number;
	/** Still being approved. */
	pendingHalfDays: number;
}

/** One grouped query: each person's (or one person's) days of the year per type. */
export async function sumLeaveByUserAndType(
	db: DB,
	year: number,
	o: { userId?: number; departmentId?: number } = {}
): Promise<LeaveSums[]> {
	let q = db
		.selectFrom('leave_requests')
		.select([
			'applicant_id',
			'type',
			sql<number>`coalesce(sum(case when status in ('approved', 'reported') then half_days else 0 end), 0)`.as(
				'taken'
			),
			sql<number>`coalesce(sum(case when status in ('approved', 'reported') then returned_half_days else 0 end), 0)`.as(
				'returned'
			),
			sql<number>`coalesce(sum(case when status = 'pending' then half_days else 0 end), 0)`.as(
				'pending'
			)
		])
		.where('year', '=', year)
		.where('status', 'in', ['pending', 'approved', 'reported']);
	if (o.userId !== undefined) q = q.where('applicant_id', '=', o.userId);
	if (o.departmentId !== undefined) q = q.where('department_id', '=', o.departmentId);
	const rows = await q.groupBy(['applicant_id', 'type']).execute();
	return rows.map((r) => ({
		userId: r.applicant_id,
		type: r.type,
		takenHalfDays: Number(r.taken),
		returnedHalfDays: Number(r.returned),
		pendingHalfDays: Number(r.pending)
	}));
}

export interface LeaveQuota {
	userId: number;
	year: number;
	type: LeaveType;
	halfDays: number;
	note: string;
}

export async function listQuotas(
	db: DB,
	year: number,
	userIds?: readonly number[]
): Promise<LeaveQuota[]> {
	let q = db.selectFrom('leave_quotas').selectAll().where('year', '=', year);
	if (userIds) {
		if (!userIds.length) return [];
		q = q.where('user_id', 'in', [...userIds]);
	}
	const rows = await q.execute();
	return rows.map((r) => ({
		userId: r.user_id,
		year: r.year,
		type: r.type,
		halfDays: r.half_days,
		note: r.note
	}));
}
