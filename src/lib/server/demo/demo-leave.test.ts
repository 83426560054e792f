import { expect, it } from 'vitest';
import { setClock } from '../clock';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { loadDemoOrganisation } from './demo.service';

describeEachDialect('demo leave', ({ db }) => {
	it('names the leaders and leaves requests in each state, telling nobody', async () => {
		const admin = await newUser(db(), { username: 'admin', roles: ['admin'] });
		setClock('2026-12-09T08:00:00.000Z');
		await loadDemoOrganisation(db(), admin.actor);
		const rows = await db()
			.selectFrom('leave_requests')
			.innerJoin('users', 'users.id', 'leave_requests.applicant_id')
			.select(['users.name', 'leave_requests.status', 'leave_requests.returned_half_days'])
			.orderBy('leave_requests.id')
			.execute();
		expect(rows.map((r) => [r.name, r.status])).toEqual([
			['宋佳慧', 'pending'],
			['洪少东', 'pending'],
			['杨帆', 'approved'],
			['张伟', 'approved'],
			['田园', 'reported'],
			['蔡文华', 'reported'],
			['韩冰', 'sent_back'],
			['朱小琳', 'withdrawn']
		]);
		expect(rows.find((r) => r.name === '田园')?.returned_half_days).toBe(2);
		const notices = await db()
			.selectFrom('notifications')
			.select('id')
			.where('kind', 'like', 'leave.%')
			.execute();
		expect(notices).toEqual([]);
		const noLeader = await db()
			.selectFrom('departments')
			.select('name')
			.where('leader_id', 'is', null)
			.execute();
		expect(noLeader).toEqual([]);
	});
});
