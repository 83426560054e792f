import type { Role } from '$lib/domain/roles';
import type { DB } from '../db';
import { newDepartment, newUser, type FixtureUser } from '../testing/fixtures';

/** An office planner, and a small bureau: leaders and officers with precedence in order. */
export async function dutyBureau(db: DB, o: { leaders?: number; officers?: number } = {}) {
	const dept = await newDepartment(db, { name: '办公室' });
	const office = await newUser(db, { name: '周文斌', roles: ['office'], departmentId: dept });
	const leaders: FixtureUser[] = [];
	const officers: FixtureUser[] = [];
	for (let i = 0; i < (o.leaders ?? 3); i++) {
		leaders.push(
			await newUser(db, { name: `局领导${i + 1}`, roles: ['leader'] as Role[], departmentId: dept })
		);
	}
	for (let i = 0; i < (o.officers ?? 8); i++) {
		officers.push(
			await newUser(db, { name: `值班员${i + 1}`, roles: ['staff'] as Role[], departmentId: dept })
		);
	}
	return { dept, office, leaders, officers };
}

/** Everything a roster holds, to compare before and after a refused change. */
export async function rosterSnapshot(db: DB, periodId: number) {
	return {
		period: await db.selectFrom('duty_periods').selectAll().where('id', '=', periodId).execute(),
		assignments: await db
			.selectFrom('duty_assignments')
			.select(['id', 'user_id', 'is_locked'])
			.where('period_id', '=', periodId)
			.orderBy('id')
			.execute()
	};
}
