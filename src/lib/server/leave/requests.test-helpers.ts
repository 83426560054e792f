import type { DB } from '../db';
import { approvalWorld, type ApprovalWorld } from '../approval/approval.test-helpers';
import type { LeaveRequestInput } from './requests.schema';

export { refusal } from '../approval/approval.test-helpers';

/** Tuesday 1 September 2026, 09:30 in Beijing: before 中秋 and 国庆. */
export const SEPT_1 = '2026-09-01T01:30:00Z';

/**
 * The approval world (综合科: 李明 staff, 孙科长 head, 钱局长 分管领导; 主要领导 王局长) with
 * 参加工作时间 on file: 李明 since 2012 (10 days of 年休假 in 2026), everybody else since 2000.
 */
export async function leaveWorld(db: DB): Promise<ApprovalWorld> {
	const w = await approvalWorld(db);
	await db.updateTable('users').set({ work_start_date: '2000-07-01' }).execute();
	await db
		.updateTable('users')
		.set({ work_start_date: '2012-07-01' })
		.where('id', '=', w.staff.id)
		.execute();
	return w;
}

/** 年休假 30 September – 9 October 2026: 国庆 and the weekend in between are not counted. */
export const acrossNationalDay = (o: Partial<LeaveRequestInput> = {}): LeaveRequestInput => ({
	type: 'annual',
	startDate: '2026-09-30',
	startHalf: 'am',
	endDate: '2026-10-09',
	endHalf: 'pm',
	reason: '回老家探亲',
	destination: '河北保定',
	contact: '13800000000',
	coverId: null,
	...o
});

/** 年休假 Wednesday 9 – Friday 11 September 2026: three working days. */
export const threeDays = (o: Partial<LeaveRequestInput> = {}): LeaveRequestInput =>
	acrossNationalDay({ startDate: '2026-09-09', endDate: '2026-09-11', ...o });

export const at = (iso: string) => ({ at: new Date(iso) });

export async function noticeKinds(db: DB, userId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('notifications')
		.select('kind')
		.where('user_id', '=', userId)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.kind);
}

export async function auditActions(db: DB, prefix = 'leave.'): Promise<string[]> {
	const rows = await db
		.selectFrom('audit_log')
		.select('action')
		.where('action', 'like', `${prefix}%`)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.action);
}
