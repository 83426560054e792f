import { dayFromNow } from '../testing/dates';
import type { DB } from '../db';
import type { DutyPeriodStatus } from '../db/schema-duty';
import { newDutyPeriod } from '../testing/duty-fixtures';
import { newUser } from '../testing/fixtures';
import { insertExemption } from './pools.repository';
import { listAssignments } from './roster.repository';

/** "10月3日（星期六）", as the messages write a date. */
export function shortDate(date: string): string {
	const [, month, day] = date.split('-').map(Number);
	const weekday = '日一二三四五六'[new Date(date + 'T00:00:00Z').getUTCDay()];
	return `${month}月${day}日（星期${weekday}）`;
}

/**
 * Two office people (one decides, the other is the "general office" that is told), and four
 * officers in the pool of a published roster of three days, day and night shifts:
 *   d1 day 张三 (a), d1 night 王五 (n), d2 day 李四 (b), d3 day 李四 (c); 赵六 has no shift.
 */
export async function swapScene(
	db: DB,
	o: { status?: DutyPeriodStatus; pools?: boolean; zhangRoles?: ('staff' | 'office')[] } = {}
) {
	const office = await newUser(db, { roles: ['office'], name: '办公室主任' });
	const office2 = await newUser(db, { roles: ['office'], name: '办公室文书' });
	const zhang = await newUser(db, { name: '张三', roles: o.zhangRoles ?? ['staff'] });
	const li = await newUser(db, { name: '李四' });
	const wang = await newUser(db, { name: '王五' });
	const zhao = await newUser(db, { name: '赵六' });
	const [d1, d2, d3] = [dayFromNow(10), dayFromNow(11), dayFromNow(12)];
	const period = await newDutyPeriod(db, {
		createdBy: office.id,
		dates: [d1, d2, d3],
		status: o.status,
		assign: [
			{ date: d1, shift: 0, role: 'officer', userId: zhang.id },
			{ date: d1, shift: 1, role: 'officer', userId: wang.id },
			{ date: d2, shift: 0, role: 'officer', userId: li.id },
			{ date: d3, shift: 0, role: 'officer', userId: li.id }
		],
		pools: o.pools === false ? {} : { officer: [zhang.id, li.id, wang.id, zhao.id] }
	});
	const slots = {
		a: await period.slot(d1, 0, 'officer'),
		n: await period.slot(d1, 1, 'officer'),
		b: await period.slot(d2, 0, 'officer'),
		c: await period.slot(d3, 0, 'officer')
	};
	return { office, office2, zhang, li, wang, zhao, d1, d2, d3, period, slots };
}

/** Who holds each slot of a period, by assignment id. */
export async function rosterOf(db: DB, periodId: number): Promise<Record<number, number | null>> {
	const rows = await listAssignments(db, periodId);
	return Object.fromEntries(rows.map((a) => [a.id, a.userId]));
}

/** A person's ledger load in a period: the sum of the weights of the slots they hold. */
export async function loadOf(db: DB, periodId: number, userId: number): Promise<number> {
	const rows = await listAssignments(db, periodId);
	return rows.filter((a) => a.userId === userId).reduce((sum, a) => sum + a.weight, 0);
}

export async function swapRows(db: DB) {
	return db.selectFrom('duty_swaps').selectAll().orderBy('id').execute();
}

export async function notificationsOf(db: DB, userId: number) {
	return db
		.selectFrom('notifications')
		.select(['kind', 'title', 'link'])
		.where('user_id', '=', userId)
		.orderBy('id')
		.execute();
}

export async function markUnavailable(
	db: DB,
	o: { userId: number; from: string; to?: string; reason: string; createdBy: number }
) {
	await db
		.insertInto('duty_unavailability')
		.values({
			user_id: o.userId,
			start_date: o.from,
			end_date: o.to ?? o.from,
			reason: o.reason,
			created_by: o.createdBy,
			created_at: new Date().toISOString()
		})
		.execute();
}

export async function exempt(db: DB, periodId: number, userId: number, reason: string) {
	await insertExemption(db, { periodId, userId, reason });
}

/** The proposal form for a 替班 of one's slot to a colleague. */
export const handover = (assignmentId: number, counterpartId: number, reason = '家中有事') => ({
	assignmentId: String(assignmentId),
	kind: 'handover' as const,
	counterpartId: String(counterpartId),
	counterpartAssignmentId: '',
	reason
});

/** The proposal form for a 调班 of one's slot with one of the colleague's. */
export const swap = (assignmentId: number, counterpartId: number, theirs: number) => ({
	...handover(assignmentId, counterpartId),
	kind: 'swap' as const,
	counterpartAssignmentId: String(theirs)
});
