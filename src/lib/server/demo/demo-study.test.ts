import { expect, it } from 'vitest';
import { setClock } from '../clock';
import { findPersonByUsername } from '../org/users.service';
import { getStudyStats } from '../study/stats.query';
import { getStudyTargets } from '../study/targets.service';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { loadDemoOrganisation } from './demo.service';

describeEachDialect('demo study records', ({ db }) => {
	it('sets the targets and logs this year’s entries: most on target, a few behind', async () => {
		const admin = await newUser(db(), { username: 'admin', roles: ['admin'] });
		setClock('2026-06-01T02:00:00.000Z');
		await loadDemoOrganisation(db(), admin.actor);
		expect((await getStudyTargets(db())).length).toBeGreaterThanOrEqual(3);
		const office = await findPersonByUsername(db(), 'wuxiaoyan');
		const s = await getStudyStats(
			db(),
			{ id: office!.id, name: office!.name, roles: office!.roles, ip: '127.0.0.1' },
			{}
		);
		expect(s.total.behind).toBeGreaterThan(0);
		expect(s.total.met).toBeGreaterThan(s.total.behind);
		expect(s.rows[0].met).toBe(false);
		const entries = await db().selectFrom('study_entries').select(['entry_date']).execute();
		expect(entries.length).toBeGreaterThan(100);
		expect(entries.every((e) => e.entry_date >= '2026-01-01' && e.entry_date < '2026-06-01')).toBe(
			true
		);
	});
});
