import { expect, it } from 'vitest';
import { ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount } from '../testing/fixtures';
import { dutyBureau } from './duty.test-helpers';
import { createPeriod, holidayChoices } from './periods.service';
import { tableCounts } from './periods.test-helpers';
import { listPeriodDays, listShifts } from './periods.repository';
import { listPoolMembers } from './pools.repository';

describeEachDialect('duty periods', ({ db }) => {
	it('creates the 2026 国庆节 period from the holiday calendar, without the 调休 workdays', async () => {
		const { office, leaders, officers } = await dutyBureau(db());
		const choices = await holidayChoices(db(), office.actor, 2026);
		const national = choices.find((h) => h.name === '国庆节');
		expect(national?.dates).toEqual([
			'2026-10-01',
			'2026-10-02',
			'2026-10-03',
			'2026-10-04',
			'2026-10-05',
			'2026-10-06',
			'2026-10-07'
		]);
		const id = await createPeriod(db(), office.actor, {
			source: 'holiday',
			year: 2026,
			holidayName: '国庆节',
			phone: '0571-87001234'
		});
		const days = await listPeriodDays(db(), id);
		expect(days.map((d) => d.date)).toEqual(national?.dates);
		// 9月20日 and 10月10日 are make-up workdays (调休上班): not duty days.
		expect(days.map((d) => d.date)).not.toContain('2026-10-10');
		const period = await db()
			.selectFrom('duty_periods')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(period).toMatchObject({
			name: '2026年国庆节值班',
			status: 'draft',
			holiday_name: '国庆节',
			start_date: '2026-10-01',
			end_date: '2026-10-07'
		});
		const shifts = await listShifts(db(), id);
		expect(shifts).toMatchObject([
			{
				name: '全天',
				startTime: '08:30',
				endTime: '08:30',
				isOvernight: true,
				leadersNeeded: 1,
				officersNeeded: 1,
				weight: 1
			}
		]);
		const pool = await listPoolMembers(db(), id);
		expect(
			pool
				.filter((p) => p.role === 'leader')
				.map((p) => p.id)
				.sort()
		).toEqual(leaders.map((l) => l.id).sort());
		expect(
			pool
				.filter((p) => p.role === 'officer')
				.map((p) => p.id)
				.sort()
		).toEqual([office.id, ...officers.map((o) => o.id)].sort()); // the office staff do duty too
		expect(await auditCount(db())).toBe(1);
	});

	it('gives 除夕 and 初一 of the Spring Festival weight 3 and other days weight 1', async () => {
		const { office } = await dutyBureau(db());
		const id = await createPeriod(db(), office.actor, {
			source: 'holiday',
			year: 2026,
			holidayName: '春节'
		});
		const days = await listPeriodDays(db(), id);
		expect(days.find((d) => d.date === '2026-02-16')).toEqual({
			date: '2026-02-16',
			weight: 3,
			label: '除夕'
		});
		expect(days.find((d) => d.date === '2026-02-17')).toEqual({
			date: '2026-02-17',
			weight: 3,
			label: '初一'
		});
		expect(days.filter((d) => d.weight === 1).length).toBe(days.length - 2);
	});

	it('refuses an overlapping period and a range that ends before it starts, writing nothing', async () => {
		const { office } = await dutyBureau(db());
		await createPeriod(db(), office.actor, {
			source: 'holiday',
			year: 2026,
			holidayName: '国庆节'
		});
		const before = await tableCounts(db());
		const overlap = createPeriod(db(), office.actor, {
			source: 'range',
			startDate: '2026-10-06',
			endDate: '2026-10-09'
		});
		await expect(overlap).rejects.toThrow(ValidationError);
		await expect(overlap).rejects.toMatchObject({
			fields: { startDate: '与「2026年国庆节值班」（10月1日—10月7日）日期重叠' }
		});
		await expect(
			createPeriod(db(), office.actor, {
				source: 'range',
				startDate: '2026-12-31',
				endDate: '2026-12-30'
			})
		).rejects.toMatchObject({ fields: { endDate: '结束日期不能早于开始日期' } });
		await expect(
			createPeriod(db(), office.actor, { source: 'holiday', year: 2026, holidayName: '不存在节' })
		).rejects.toThrow(ValidationError);
		expect(await tableCounts(db())).toEqual(before);
	});
});
