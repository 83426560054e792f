import { expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount } from '../testing/fixtures';
import { dutyBureau } from './duty.test-helpers';
import { listPeriodDays, listShifts } from './duty.repository';
import {
	addExemption,
	addToPool,
	addUnavailability,
	createPeriod,
	holidayChoices,
	saveShift,
	useDayAndNightShifts
} from './periods.service';
import { listPoolMembers } from './periods.repository';

async function tableCounts(db: ReturnType<() => import('../db').DB>) {
	const n = async (
		t: 'duty_periods' | 'duty_shifts' | 'duty_period_days' | 'duty_unavailability'
	) =>
		Number(
			(
				await db
					.selectFrom(t)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	return {
		periods: await n('duty_periods'),
		shifts: await n('duty_shifts'),
		days: await n('duty_period_days'),
		unavailable: await n('duty_unavailability'),
		audit: await auditCount(db)
	};
}

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

	it('refuses a shift ending before it starts unless it ends the next day, writing nothing', async () => {
		const { office } = await dutyBureau(db());
		const id = await createPeriod(db(), office.actor, {
			source: 'range',
			startDate: '2026-05-01',
			endDate: '2026-05-05'
		});
		const before = await tableCounts(db());
		const bad = saveShift(db(), office.actor, id, {
			name: '夜班',
			startTime: '17:30',
			endTime: '08:30',
			isOvernight: false,
			leadersNeeded: 1,
			officersNeeded: 1,
			weight: 1.5
		});
		await expect(bad).rejects.toMatchObject({
			fields: { endTime: '结束时间早于开始时间；跨夜班次请勾选“次日结束”' }
		});
		await expect(
			saveShift(db(), office.actor, id, {
				name: '空班',
				startTime: '08:30',
				endTime: '17:30',
				isOvernight: false,
				leadersNeeded: 0,
				officersNeeded: 0,
				weight: 1
			})
		).rejects.toThrow(ValidationError);
		expect(await tableCounts(db())).toEqual(before);
		await saveShift(db(), office.actor, id, {
			name: '夜班',
			startTime: '17:30',
			endTime: '08:30',
			isOvernight: 'on',
			leadersNeeded: 1,
			officersNeeded: 2,
			weight: 1.5
		});
		expect((await listShifts(db(), id)).map((s) => s.name)).toEqual(['全天', '夜班']);
		await useDayAndNightShifts(db(), office.actor, id);
		expect(
			(await listShifts(db(), id)).map((s) => [s.name, s.startTime, s.endTime, s.weight])
		).toEqual([
			['白班', '08:30', '17:30', 1],
			['夜班', '17:30', '08:30', 1.5]
		]);
	});

	it('lets the office fill pools by department and exempt a person; staff can do neither', async () => {
		const { office, officers, dept } = await dutyBureau(db(), { officers: 2 });
		const id = await createPeriod(db(), office.actor, {
			source: 'range',
			startDate: '2026-05-01',
			endDate: '2026-05-05'
		});
		expect(
			await addToPool(db(), office.actor, id, {
				role: 'officer',
				by: 'department',
				departmentId: dept
			})
		).toBeGreaterThan(0);
		await addExemption(db(), office.actor, id, { userId: officers[0].id, reason: '孕期' });
		await expect(
			addExemption(db(), office.actor, id, { userId: officers[0].id, reason: '孕期' })
		).rejects.toMatchObject({
			fields: { userId: '此人已在免值名单中' }
		});
		const before = await tableCounts(db());
		await expect(
			addToPool(db(), officers[1].actor, id, {
				role: 'officer',
				by: 'person',
				userId: officers[1].id
			})
		).rejects.toThrow();
		await expect(
			addExemption(db(), officers[1].actor, id, { userId: officers[1].id, reason: '不想值班' })
		).rejects.toThrow();
		await expect(
			addUnavailability(db(), officers[1].actor, {
				userId: officers[1].id,
				startDate: '2026-05-01',
				endDate: '2026-05-02',
				reason: '探亲'
			})
		).rejects.toThrow(ForbiddenError);
		expect(await tableCounts(db())).toEqual(before);
	});

	it('records unavailability with a reason and refuses dates in the wrong order', async () => {
		const { office, officers } = await dutyBureau(db(), { officers: 1 });
		await addUnavailability(db(), office.actor, {
			userId: officers[0].id,
			startDate: '2026-10-02',
			endDate: '2026-10-04',
			reason: '年休假'
		});
		const before = await tableCounts(db());
		await expect(
			addUnavailability(db(), office.actor, {
				userId: officers[0].id,
				startDate: '2026-10-05',
				endDate: '2026-10-04',
				reason: '年休假'
			})
		).rejects.toMatchObject({ fields: { endDate: '结束日期不能早于开始日期' } });
		await expect(
			addUnavailability(db(), office.actor, {
				userId: officers[0].id,
				startDate: '2026-10-05',
				endDate: '2026-10-06',
				reason: ' '
			})
		).rejects.toMatchObject({ fields: { reason: '此项必填' } });
		expect(await tableCounts(db())).toEqual(before);
	});
});
