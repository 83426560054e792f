import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { findHolidayByDate } from './holidays.repository';
import { deleteHoliday, saveHoliday } from './holidays.service';

const N = 20;
// A date the seeded calendar leaves alone (a plain Wednesday).
const DATE = '2031-03-12';

describeEachDialect('holidays, 20 identical calls at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	it('saves a day once, then removes it once', async () => {
		const { actor } = await newUser(ctx.db(), { roles: ['admin'] });
		const db = openWide();
		const entry = { date: DATE, kind: 'holiday' as const, name: '建局纪念日' };
		const saved = await inParallel(N, () => saveHoliday(db, actor, entry));
		expect(saved.errors).toEqual([]);
		expect(saved.ok.filter((r) => r.created)).toHaveLength(1);
		expect(await findHolidayByDate(ctx.db(), DATE)).toEqual(entry);
		expect(await auditRows(ctx.db(), 'holiday.save')).toHaveLength(1);

		const gone = await inParallel(N, () => deleteHoliday(db, actor, DATE));
		expect(gone.ok).toHaveLength(1);
		expect(onlyUserErrors(gone.errors)).toBe(true);
		expect(await findHolidayByDate(ctx.db(), DATE)).toBeUndefined();
		expect(await auditRows(ctx.db(), 'holiday.delete')).toHaveLength(1);
	});
});
