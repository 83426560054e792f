/** Fixtures for the outings, board and statistics tests: two departments and their people. */
import type { LeaveHalf, LeaveType } from '$lib/domain/leave';
import type { DB } from '../db';
import type { LeaveStatus } from '../db/schema-leave';
import { newDepartment, newUser, type FixtureUser } from '../testing/fixtures';

export interface BoardWorld {
	deptA: number;
	deptB: number;
	headA: FixtureUser;
	staffA: FixtureUser;
	staffA2: FixtureUser;
	headB: FixtureUser;
	staffB: FixtureUser;
	office: FixtureUser;
	leader: FixtureUser;
	admin: FixtureUser;
}

export async function boardWorld(db: DB): Promise<BoardWorld> {
	const deptA = await newDepartment(db, { name: '综合科', sortOrder: 1 });
	const deptB = await newDepartment(db, { name: '财务科', sortOrder: 2 });
	return {
		deptA,
		deptB,
		headA: await newUser(db, { name: '张科长', roles: ['dept_head'], departmentId: deptA }),
		staffA: await newUser(db, { name: '李明', roles: ['staff'], departmentId: deptA }),
		staffA2: await newUser(db, { name: '王芳', roles: ['staff'], departmentId: deptA }),
		headB: await newUser(db, { name: '赵科长', roles: ['dept_head'], departmentId: deptB }),
		staffB: await newUser(db, { name: '陈静', roles: ['staff'], departmentId: deptB }),
		office: await newUser(db, { name: '周主任', roles: ['office'], departmentId: deptB }),
		leader: await newUser(db, { name: '吴局长', roles: ['leader'] }),
		admin: await newUser(db, { name: '系统管理员', roles: ['admin'] })
	};
}

export async function setWorkStart(db: DB, userId: number, date: string): Promise<void> {
	await db.updateTable('users').set({ work_start_date: date }).where('id', '=', userId).execute();
}

/** A leave request row as LEAVE's service leaves it (approved, or reported after 销假). */
export async function leaveRow(
	db: DB,
	l: {
		userId: number;
		departmentId: number | null;
		type?: LeaveType;
		start: [string, LeaveHalf];
		end: [string, LeaveHalf];
		halfDays: number;
		status?: LeaveStatus;
		returned?: [string, LeaveHalf, number];
	}
): Promise<number> {
	const at = '2026-11-01T00:00:00.000Z';
	const row = await db
		.insertInto('leave_requests')
		.values({
			applicant_id: l.userId,
			department_id: l.departmentId,
			type: l.type ?? 'annual',
			extends_id: null,
			start_date: l.start[0],
			start_half: l.start[1],
			end_date: l.end[0],
			end_half: l.end[1],
			half_days: l.halfDays,
			year: Number(l.start[0].slice(0, 4)),
			cover_id: null,
			status: l.status ?? (l.returned ? 'reported' : 'approved'),
			created_at: at,
			updated_at: at,
			approved_at: at,
			cancelled_at: null,
			return_date: l.returned?.[0] ?? null,
			return_half: l.returned?.[1] ?? null,
			returned_half_days: l.returned?.[2] ?? 0,
			reported_at: l.returned ? at : null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Who was told about outings, by kind. */
export async function outingNotices(db: DB): Promise<number[]> {
	const rows = await db
		.selectFrom('notifications')
		.select('user_id')
		.where('kind', '=', 'outing.report')
		.orderBy('user_id')
		.execute();
	return rows.map((r) => r.user_id);
}
