/** All SQL of leave requests, their proof files and the office's quotas. */
import type { Selectable } from 'kysely';
import type { LeaveHalf, LeaveType } from '$lib/domain/leave';
import type { DB } from '../db';
import type { LeaveRequestsTable, LeaveStatus } from '../db/schema-leave';

/** A leave request as the modules around it (approval, roster / meeting links) read it. */
export interface LeaveRecord {
	id: number;
	applicantId: number;
	departmentId: number | null;
	type: LeaveType;
	startDate: string;
	startHalf: LeaveHalf;
	endDate: string;
	endHalf: LeaveHalf;
	/** Days × 2. */
	halfDays: number;
	year: number;
	reason: string;
	destination: string;
	contact: string;
	coverId: number | null;
	status: LeaveStatus;
	extendsId: number | null;
	createdAt: string;
	approvedAt: string | null;
	returnDate: string | null;
	returnHalf: LeaveHalf | null;
	returnedHalfDays: number;
	lateHalfDays: number;
}

type LeaveRow = Selectable<LeaveRequestsTable>;

export function toLeave(r: LeaveRow): LeaveRecord {
	return {
		id: r.id,
		applicantId: r.applicant_id,
		departmentId: r.department_id,
		type: r.type,
		startDate: r.start_date,
		startHalf: r.start_half,
		endDate: r.end_date,
		endHalf: r.end_half,
		halfDays: r.half_days,
		year: r.year,
		reason: r.reason,
		destination: r.destination,
		contact: r.contact,
		coverId: r.cover_id,
		status: r.status,
		extendsId: r.extends_id,
		createdAt: r.created_at,
		approvedAt: r.approved_at,
		returnDate: r.return_date,
		returnHalf: r.return_half,
		returnedHalfDays: r.returned_half_days,
		lateHalfDays: r.late_half_days
	};
}

export interface NewLeave {
	applicantId: number;
	departmentId: number | null;
	type: LeaveType;
	extendsId: number | null;
	startDate: string;
	startHalf: LeaveHalf;
	endDate: string;
	endHalf: LeaveHalf;
	halfDays: number;
	reason: string;
	destination: string;
	contact: string;
	coverId: number | null;
	at: string;
}

export async function insertLeave(db: DB, l: NewLeave): Promise<number> {
	const r = await db
		.insertInto('leave_requests')
		.values({
			applicant_id: l.applicantId,
			department_id: l.departmentId,
			type: l.type,
			extends_id: l.extendsId,
			start_date: l.startDate,
			start_half: l.startHalf,
			end_date: l.endDate,
			end_half: l.endHalf,
			half_days: l.halfDays,
			year: Number(l.startDate.slice(0, 4)),
			reason: l.reason,
			destination: l.destination,
			contact: l.contact,
			cover_id: l.coverId,
			status: 'pending',
			created_at: l.at,
			updated_at: l.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function findLeaveById(db: DB, id: number): Promise<LeaveRecord | undefined> {
	const r = await db
		.selectFrom('leave_requests')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	return r ? toLeave(r) : undefined;
}

export async function findLeavesByIds(db: DB, ids: readonly number[]): Promise<LeaveRecord[]> {
	if (!ids.length) return [];
	const rows = await db
		.selectFrom('leave_requests')
		.selectAll()
		.where('id', 'in', [...ids])
		.execute();
	return rows.map(toLeave);
}

/** A person's requests, the latest start first. */
export async function listLeavesOf(db: DB, applicantId: number): Promise<LeaveRecord[]> {
	const rows = await db
		.selectFrom('leave_requests')
		.selectAll()
		.where('applicant_id', '=', applicantId)
		.orderBy('start_date', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return rows.map(toLeave);
}

/** Late-销假 extensions of a request. */
export async function listExtensionsOf(db: DB, id: number): Promise<LeaveRecord[]> {
	const rows = await db
		.selectFrom('leave_requests')
		.selectAll()
		.where('extends_id', '=', id)
		.orderBy('id')
		.execute();
	return rows.map(toLeave);
}

/**
 * The person's pending or approved requests whose dates touch `start`…`end` (whole days; the
 * service compares the half days).
 */
export async function listActiveLeavesTouching(
	db: DB,
	applicantId: number,
	start: string,
	end: string
): Promise<LeaveRecord[]> {
	const rows = await db
		.selectFrom('leave_requests')
		.selectAll()
		.where('applicant_id', '=', applicantId)
		.where('status', 'in', ['pending', 'approved'])
		.where('start_date', '<=', end)
		.where('end_date', '>=', start)
		.execute();
	return rows.map(toLeave);
}

/**
 * Compare-and-set: moves the request from `from` to `to` with the other columns given; false
 * when it was no longer in `from` (another click got there first).
 */
export async function moveLeave(
	db: DB,
	id: number,
	from: LeaveStatus,
	to: LeaveStatus,
	set: {
		at: string;
		approvedAt?: string;
		cancelledAt?: string;
		returnDate?: string;
		returnHalf?: LeaveHalf;
		returnedHalfDays?: number;
		lateHalfDays?: number;
		reportedAt?: string;
	}
): Promise<boolean> {
	const won = await db
		.updateTable('leave_requests')
		.set({
			status: to,
			updated_at: set.at,
			...(set.approvedAt !== undefined && { approved_at: set.approvedAt }),
			...(set.cancelledAt !== undefined && { cancelled_at: set.cancelledAt }),
			...(set.returnDate !== undefined && { return_date: set.returnDate }),
			...(set.returnHalf !== undefined && { return_half: set.returnHalf }),
			...(set.returnedHalfDays !== undefined && { returned_half_days: set.returnedHalfDays }),
			...(set.lateHalfDays !== undefined && { late_half_days: set.lateHalfDays }),
			...(set.reportedAt !== undefined && { reported_at: set.reportedAt })
		})
		.where('id', '=', id)
		.where('status', '=', from)
		.returning('id')
		.executeTakeFirst();
	return !!won;
}

// ---- proof files ------------------------------------------------------------------------------

export interface LeaveFile {
	id: number;
	requestId: number;
	name: string;
	type: string;
	size: number;
	uploadedBy: number;
	uploadedAt: string;
}

export async function insertLeaveFile(
	db: DB,
	f: {
		requestId: number;
		name: string;
		type: string;
		content: Buffer;
		uploadedBy: number;
		at: string;
	}
): Promise<number> {
	const r = await db
		.insertInto('leave_files')
		.values({
			request_id: f.requestId,
			name: f.name,
			type: f.type,
			size: f.content.length,
			content: f.content,
			uploaded_by: f.uploadedBy,
			uploaded_at: f.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

export async function listLeaveFiles(db: DB, requestId: number): Promise<LeaveFile[]> {
	const rows = await db
		.selectFrom('leave_files')
		.select(['id', 'request_id', 'name', 'type', 'size', 'uploaded_by', 'uploaded_at'])
		.where('request_id', '=', requestId)
		.orderBy('id')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		requestId: r.request_id,
		name: r.name,
		type: r.type,
		size: r.size,
		uploadedBy: r.uploaded_by,
		uploadedAt: r.uploaded_at
	}));
}

export async function findLeaveFile(db: DB, requestId: number, fileId: number) {
	const r = await db
		.selectFrom('leave_files')
		.select(['id', 'name', 'type', 'content'])
		.where('id', '=', fileId)
		.where('request_id', '=', requestId)
		.executeTakeFirst();
	return r ? { id: r.id, name: r.name, type: r.type, content: r.content } : undefined;
}
