import { sql } from 'kysely';
import type { LeaveHalf, LeaveType } from '$lib/domain/leave';
import type { DB } from '../db';
import type { OutingStatus } from '../db/schema-leave';

// The 在岗情况 board's two reads: the active people with their departments and roles, and the
// day's absences (approved or reported leave covering the date, and its outings) in one UNION.

export interface BoardPersonRow {
	userId: number;
	name: string;
	departmentId: number | null;
	departmentName: string | null;
	departmentOrder: number;
	precedence: number;
	roles: string[];
}

/** Active people (of one department, or all), one entry each with their roles. */
export async function findBoardPeople(db: DB, departmentId?: number): Promise<BoardPersonRow[]> {
	let q = db
		.selectFrom('users as u')
		.leftJoin('departments as d', 'd.id', 'u.department_id')
		.leftJoin('user_roles as r', 'r.user_id', 'u.id')
		.select([
			'u.id',
			'u.name',
			'u.department_id',
			'd.name as department_name',
			'd.sort_order',
			'u.precedence',
			'r.role'
		])
		.where('u.is_active', '=', true);
	if (departmentId !== undefined) q = q.where('u.department_id', '=', departmentId);
	const rows = await q.orderBy('d.sort_order').orderBy('u.precedence').orderBy('u.id').execute();
	const byId = new Map<number, BoardPersonRow>();
	for (const r of rows) {
		let p = byId.get(r.id);
		if (!p) {
			p = {
				userId: r.id,
				name: r.name,
				departmentId: r.department_id,
				departmentName: r.department_name,
				departmentOrder: r.sort_order ?? Number.MAX_SAFE_INTEGER,
				precedence: r.precedence,
				roles: []
			};
			byId.set(r.id, p);
		}
		if (r.role) p.roles.push(r.role);
	}
	return [...byId.values()];
}

export type BoardAbsenceRow =
	| {
			kind: 'leave';
			id: number;
			userId: number;
			type: LeaveType;
			startDate: string;
			startHalf: LeaveHalf;
			endDate: string;
			endHalf: LeaveHalf;
			returnDate: string | null;
			returnHalf: LeaveHalf | null;
	  }
	| {
			kind: 'outing';
			id: number;
			userId: number;
			destination: string;
			date: string;
			outAt: string;
			backBy: string;
			status: OutingStatus;
			backAt: string | null;
	  };

const none = <T>() => sql<T | null>`null`;

/**
 * Approved or 销假-reported leave covering `date`, and the outings of `date` not cancelled — of
 * active people (of one department by their current department, or all).
 */
export async function findBoardAbsences(
	db: DB,
	date: string,
	departmentId?: number
): Promise<BoardAbsenceRow[]> {
	const leave = db
		.selectFrom('leave_requests as l')
		.innerJoin('users as u', 'u.id', 'l.applicant_id')
		.select([
			sql<string>`'leave'`.as('kind'),
			'l.id',
			'l.applicant_id as user_id',
			sql<string>`l.type`.as('what'),
			'l.start_date',
			sql<string | null>`l.start_half`.as('start_half'),
			'l.end_date',
			sql<string | null>`l.end_half`.as('end_half'),
			'l.return_date',
			sql<string | null>`l.return_half`.as('return_half'),
			none<string>().as('out_at'),
			none<string>().as('back_by'),
			none<string>().as('status'),
			none<string>().as('back_at')
		])
		.where('l.status', 'in', ['approved', 'reported'])
		.where('l.start_date', '<=', date)
		.where('l.end_date', '>=', date)
		.where('u.is_active', '=', true)
		.$if(departmentId !== undefined, (q) => q.where('u.department_id', '=', departmentId!));
	const outings = db
		.selectFrom('outings as o')
		.innerJoin('users as u', 'u.id', 'o.user_id')
		.select([
			sql<string>`'outing'`.as('kind'),
			'o.id',
			'o.user_id',
			sql<string>`o.destination`.as('what'),
			'o.date as start_date',
			none<string>().as('start_half'),
			'o.date as end_date',
			none<string>().as('end_half'),
			none<string>().as('return_date'),
			none<string>().as('return_half'),
			sql<string | null>`o.out_at`.as('out_at'),
			sql<string | null>`o.back_by`.as('back_by'),
			sql<string | null>`o.status`.as('status'),
			sql<string | null>`o.back_at`.as('back_at')
		])
		.where('o.date', '=', date)
		.where('o.status', '!=', 'cancelled')
		.where('u.is_active', '=', true)
		.$if(departmentId !== undefined, (q) => q.where('u.department_id', '=', departmentId!));
	const rows = await leave.unionAll(outings).execute();
	return rows.map((r): BoardAbsenceRow => {
		if (r.kind === 'leave')
			return {
				kind: 'leave',
				id: r.id,
				userId: r.user_id,
				type: r.what as LeaveType,
				startDate: r.start_date,
				startHalf: r.start_half as LeaveHalf,
				endDate: r.end_date,
				endHalf: r.end_half as LeaveHalf,
				returnDate: r.return_date,
				returnHalf: r.return_half as LeaveHalf | null
			};
		return {
			kind: 'outing',
			id: r.id,
			userId: r.user_id,
			destination: r.what,
			date: r.start_date,
			outAt: r.out_at ?? '',
			backBy: r.back_by ?? '',
			status: r.status as OutingStatus,
			backAt: r.back_at
		};
	});
}
