import type { LeaveHalf, LeaveType } from '$lib/domain/leave';
import type { DB } from '../db';
import type { LinkedLeave } from './links.service';

// Fixtures for the LINKS tests: a leave request written straight to its table (no approval
// chain), as LEAVE's service leaves it once approved.

/** When the leave of the tests is approved (1 December 2026, 10:00 Beijing time). */
export const AT = '2026-12-01T02:00:00.000Z';

/** A Beijing wall-clock time as an instant. */
export const bj = (date: string, time: string) =>
	new Date(`${date}T${time}:00+08:00`).toISOString();

/** Default: 年休假 8–10 December 2026 (Tuesday–Thursday), approved. */
export async function newLeave(
	db: DB,
	o: {
		applicantId: number;
		departmentId?: number | null;
		type?: LeaveType;
		startDate?: string;
		startHalf?: LeaveHalf;
		endDate?: string;
		endHalf?: LeaveHalf;
		coverId?: number | null;
		status?: 'approved' | 'pending' | 'reported';
	}
): Promise<LinkedLeave & { departmentId: number | null }> {
	const leave = {
		applicantId: o.applicantId,
		departmentId: o.departmentId ?? null,
		type: o.type ?? 'annual',
		startDate: o.startDate ?? '2026-12-08',
		startHalf: o.startHalf ?? 'am',
		endDate: o.endDate ?? '2026-12-10',
		endHalf: o.endHalf ?? 'pm',
		coverId: o.coverId ?? null,
		returnDate: null,
		returnHalf: null
	};
	const r = await db
		.insertInto('leave_requests')
		.values({
			applicant_id: leave.applicantId,
			department_id: leave.departmentId,
			type: leave.type,
			start_date: leave.startDate,
			start_half: leave.startHalf,
			end_date: leave.endDate,
			end_half: leave.endHalf,
			half_days: 6,
			year: 2026,
			cover_id: leave.coverId,
			status: o.status ?? 'approved',
			created_at: AT,
			updated_at: AT,
			approved_at: o.status === 'pending' ? null : AT
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: r.id, ...leave };
}
