import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { commitImport, previewImport } from './import.service';
import { HEADER, setup, userCount, xlsx } from './import.test-helpers';

const N = 20;

describeEachDialect('people import, 20 identical commits at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	it('creates the people once; the other commits find no batch', async () => {
		const { admin } = await setup(ctx.db());
		const file = await xlsx([
			HEADER,
			['wangfang', '王芳', '办公室', '主任', 1, '', '', '', '', 'Import-Pass-9'],
			['lilei', '李雷', '综合科', '科员', 2, '', '', '', '', 'Import-Pass-9']
		]);
		const preview = await previewImport(ctx.db(), admin, '人员.xlsx', file);
		const before = await userCount(ctx.db());
		const db = openWide();
		const { ok, errors } = await inParallel(N, () => commitImport(db, admin, preview.batchId!));
		expect(ok).toHaveLength(1);
		expect(onlyUserErrors(errors)).toBe(true);
		expect(await userCount(ctx.db())).toBe(before + 2);
		expect(await auditRows(ctx.db(), 'user.import')).toHaveLength(2);
		expect(await auditRows(ctx.db(), 'user.import_batch')).toHaveLength(1);
	});
});
