import { expect, it } from 'vitest';
import type { DB } from '../db';
import { newDutyPeriod, type FixtureShift } from '../testing/duty-fixtures';
import { newUser } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { dutyBureau } from './duty.test-helpers';
import { createPeriod } from './periods.service';
import { fairnessReport } from './roster.query';

const ALL_DAY: FixtureShift[] = [
	{ name: '全天', startTime: '08:30', endTime: '08:30', isOvernight: true, leaders: 1, officers: 1 }
];

async function setHoliday(db: DB, periodId: number, name: string) {
	await db
		.updateTable('duty_periods')
		.set({ holiday_name: name })
		.where('id', '=', periodId)
		.execute();
}

// 2023年元旦 was taken 2022-12-31 to 2023-01-02: the break belongs to the holiday's year.
describeEachDialect('duty year of a holiday period', ({ db }) => {
	it('names the 2023 元旦 period after 2023, though it starts on 2022-12-31', async () => {
		const { office } = await dutyBureau(db());
		const id = await createPeriod(db(), office.actor, {
			source: 'holiday',
			year: 2023,
			holidayName: '元旦'
		});
		const p = await db()
			.selectFrom('duty_periods')
			.select(['name', 'start_date', 'end_date'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(p).toEqual({ name: '2023年元旦值班', start_date: '2022-12-31', end_date: '2023-01-02' });
	});

	it('counts the 2023 元旦 shifts under 2023 in the fairness report', async () => {
		const d = db();
		const office = await newUser(d, { roles: ['office'] });
		const lead = await newUser(d, { roles: ['leader'], name: '李一' });
		const staff = await newUser(d, { name: '王一' });
		const on = (date: string) => [
			{ date, shift: 0, role: 'leader' as const, userId: lead.id },
			{ date, shift: 0, role: 'officer' as const, userId: staff.id }
		];
		const newYear = await newDutyPeriod(d, {
			createdBy: office.id,
			dates: ['2022-12-31', '2023-01-01', '2023-01-02'],
			shifts: ALL_DAY,
			assign: [...on('2022-12-31'), ...on('2023-01-02')]
		});
		await setHoliday(d, newYear.periodId, '元旦');
		const national2022 = await newDutyPeriod(d, {
			createdBy: office.id,
			dates: ['2022-10-01'],
			shifts: ALL_DAY,
			assign: on('2022-10-01')
		});
		await setHoliday(d, national2022.periodId, '国庆节');
		const labour2023 = await newDutyPeriod(d, {
			createdBy: office.id,
			dates: ['2023-05-01'],
			shifts: ALL_DAY,
			assign: on('2023-05-01')
		});
		await setHoliday(d, labour2023.periodId, '劳动节');

		const yearOf = async (periodId: number) => {
			const r = await fairnessReport(d, office.actor, periodId);
			const me = r.pools[1].people.find((p) => p.userId === staff.id)!;
			return [r.year, me.year.shifts];
		};
		// 元旦 2023: its own two shifts and 劳动节 2023; 国庆节 2022 is last year.
		expect(await yearOf(newYear.periodId)).toEqual([2023, 3]);
		expect(await yearOf(labour2023.periodId)).toEqual([2023, 3]);
		expect(await yearOf(national2022.periodId)).toEqual([2022, 1]);
	});
});
