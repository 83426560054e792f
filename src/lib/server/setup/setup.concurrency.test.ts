import { beforeEach, expect, it } from 'vitest';
import { forgetCachedSettings } from '../settings/settings.service';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { runSetup } from './setup.service';

const N = 20;

beforeEach(() => forgetCachedSettings());

describeEachDialect('first-run setup, 20 submissions at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	it('creates one administrator; the others find setup over', async () => {
		const db = openWide();
		const form = (i: number) => ({
			officeName: '某某市交通运输局',
			timeZone: 'Asia/Shanghai',
			// Two people racing with different names must not both become administrator either.
			username: i % 2 ? 'admin' : 'root',
			name: '系统管理员',
			password: 'Huiban@2026',
			confirm: 'Huiban@2026'
		});
		const { ok, errors } = await inParallel(N, (i) =>
			runSetup(db, form(i), { ip: '192.168.1.20', userAgent: 'Firefox' })
		);
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(await ctx.db().selectFrom('users').select('id').execute()).toHaveLength(1);
		expect(await ctx.db().selectFrom('sessions').select('id').execute()).toHaveLength(1);
		expect(await auditRows(ctx.db(), 'setup.complete')).toHaveLength(1);
	});
});
