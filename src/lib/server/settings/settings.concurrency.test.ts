import { beforeEach, expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, wideDbPerTest } from '../testing/parallel';
import { forgetCachedSettings, getSettings, updateSettings } from './settings.service';

const N = 20;

beforeEach(() => forgetCachedSettings());

describeEachDialect('settings, 20 identical saves at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	it('saves and audits the change once', async () => {
		const { actor } = await newUser(ctx.db(), { roles: ['admin'] });
		const db = openWide();
		const form = {
			officeName: '某某市交通运输局',
			timeZone: 'Asia/Shanghai',
			sessionIdleMinutes: '30',
			sessionAbsoluteHours: '8',
			mailFromAddress: 'bgs@jtj.example.gov.cn',
			mailFromName: ''
		};
		const { errors } = await inParallel(N, () => updateSettings(db, actor, form));
		expect(errors).toEqual([]);
		forgetCachedSettings();
		expect(await getSettings(ctx.db())).toMatchObject({ sessionIdleMinutes: 30 });
		const audits = await auditRows(ctx.db(), 'settings.update');
		expect(audits).toHaveLength(1);
		expect(audits[0].changes).toMatchObject({ sessionIdleMinutes: [120, 30] });
	});
});
