import { expect, it } from 'vitest';
import type { DB } from '../db';
import { ForbiddenError, NotFoundError } from '../errors';
import { newDutyPeriod, type FixtureShift } from '../testing/duty-fixtures';
import { newDepartment, newUser } from '../testing/fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { fairnessReport, type FairnessPool } from './roster.query';

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

/** name → [period shifts, load, year shifts, load, all-time shifts, load, by holiday]. */
function figures(pool: FairnessPool) {
	return pool.people.map((p) => [
		p.name,
		p.period.shifts,
		p.period.load,
		p.year.shifts,
		p.year.load,
		p.allTime.shifts,
		p.allTime.load,
		p.byHoliday
	]);
}

describeEachDialect('duty fairness report', ({ db }) => {
	/**
	 * Three published periods (国庆节 2024, 春节 2025 with 除夕 and 初一 weighing 3, 国庆节 2025 with
	 * day and night shifts), a draft 劳动节 2025 that must not count, and the period looked at:
	 * a draft 元旦 starting 2025-12-31 with no holiday name.
	 */
	async function ledger() {
		const d = db();
		const office = await newUser(d, { roles: ['office'] });
		const staff = await newUser(d);
		const dept = await newDepartment(d, { name: '办公室' });
		const person = (name: string, roles: ('leader' | 'staff')[] = ['staff']) =>
			newUser(d, { name, roles, departmentId: dept });
		const [l1, l2, l3] = [
			await person('李一', ['leader']),
			await person('李二', ['leader']),
			await person('李三', ['leader'])
		];
		const [o1, o2, o3, o4] = [
			await person('王一'),
			await person('王二'),
			await person('王三'),
			await person('王四')
		];
		// 李二 is more senior than 李一 (a lower precedence number).
		await d.updateTable('users').set({ precedence: 2 }).where('id', '=', l1.id).execute();
		await d.updateTable('users').set({ precedence: 1 }).where('id', '=', l2.id).execute();
		const by = office.id;
		const one = (date: string, role: 'leader' | 'officer', userId: number, shift = 0) => ({
			date,
			shift,
			role,
			userId
		});
		const p2024 = await newDutyPeriod(d, {
			createdBy: by,
			dates: ['2024-10-01', '2024-10-02'],
			shifts: ALL_DAY,
			assign: [
				one('2024-10-01', 'leader', l1.id),
				one('2024-10-02', 'leader', l1.id),
				one('2024-10-01', 'officer', o1.id),
				one('2024-10-02', 'officer', o2.id)
			]
		});
		await setHoliday(d, p2024.periodId, '国庆节');
		const spring = await newDutyPeriod(d, {
			createdBy: by,
			dates: ['2025-01-28', '2025-01-29', '2025-01-30'],
			shifts: ALL_DAY,
			assign: [
				one('2025-01-28', 'leader', l1.id),
				one('2025-01-29', 'leader', l2.id),
				one('2025-01-30', 'leader', l1.id),
				one('2025-01-28', 'officer', o1.id),
				one('2025-01-29', 'officer', o2.id),
				one('2025-01-30', 'officer', o3.id)
			]
		});
		await setHoliday(d, spring.periodId, '春节');
		const national = await newDutyPeriod(d, {
			createdBy: by,
			dates: ['2025-10-01', '2025-10-02'],
			assign: [
				one('2025-10-01', 'leader', l2.id, 0),
				one('2025-10-01', 'leader', l1.id, 1),
				one('2025-10-02', 'leader', l2.id, 0),
				one('2025-10-02', 'leader', l2.id, 1),
				one('2025-10-01', 'officer', o1.id, 0),
				one('2025-10-01', 'officer', o3.id, 1),
				one('2025-10-02', 'officer', o2.id, 0),
				one('2025-10-02', 'officer', o3.id, 1)
			]
		});
		await setHoliday(d, national.periodId, '国庆节');
		const other = await newDutyPeriod(d, {
			createdBy: by,
			status: 'draft',
			dates: ['2025-05-01'],
			shifts: ALL_DAY,
			assign: [one('2025-05-01', 'leader', l1.id), one('2025-05-01', 'officer', o1.id)]
		});
		await setHoliday(d, other.periodId, '劳动节');
		const current = await newDutyPeriod(d, {
			createdBy: by,
			status: 'draft',
			dates: ['2025-12-31', '2026-01-01'],
			shifts: ALL_DAY,
			pools: { leader: [l1.id, l2.id, l3.id], officer: [o1.id, o2.id, o3.id] },
			assign: [
				one('2025-12-31', 'leader', l3.id),
				one('2026-01-01', 'leader', l2.id),
				one('2025-12-31', 'officer', o1.id),
				// 王四 was put in by hand without being in the pool.
				one('2026-01-01', 'officer', o4.id)
			]
		});
		await d
			.insertInto('duty_exemptions')
			.values({ period_id: current.periodId, user_id: o3.id, reason: '借调' })
			.execute();
		return { office, staff, l1, current, national, other };
	}

	it('counts each person this period, this year and all time, and by holiday', async () => {
		const { office, current } = await ledger();
		const r = await fairnessReport(db(), office.actor, current.periodId);
		expect(r.year).toBe(2025);
		expect(r.hasAssignments).toBe(true);
		expect(r.holidays).toEqual(['国庆节', '春节', '其他']);
		const [leaders, officers] = r.pools;
		expect(leaders.role).toBe('leader');
		// 李一 and 李二 tie at 7.5: the more senior 李二 comes first.
		expect(figures(leaders)).toEqual([
			['李二', 1, 1, 5, 7.5, 5, 7.5, { 春节: 1, 国庆节: 3, 其他: 1 }],
			['李一', 0, 0, 3, 5.5, 5, 7.5, { 国庆节: 3, 春节: 2 }],
			['李三', 1, 1, 1, 1, 1, 1, { 其他: 1 }]
		]);
		expect(figures(officers)).toEqual([
			['王一', 1, 1, 3, 5, 4, 6, { 国庆节: 2, 春节: 1, 其他: 1 }],
			['王二', 0, 0, 2, 4, 3, 5, { 国庆节: 2, 春节: 1 }],
			['王三', 0, 0, 3, 4, 3, 4, { 春节: 1, 国庆节: 2 }],
			['王四', 1, 1, 1, 1, 1, 1, { 其他: 1 }]
		]);
		expect(officers.people.map((p) => [p.name, p.inPool, p.exempt, p.department])).toEqual([
			['王一', true, false, '办公室'],
			['王二', true, false, '办公室'],
			['王三', true, true, '办公室'],
			['王四', false, false, '办公室']
		]);
	});

	it('gives each pool the spread and mean of loads, leaving out the exempt', async () => {
		const { office, current } = await ledger();
		const [leaders, officers] = (await fairnessReport(db(), office.actor, current.periodId)).pools;
		expect(leaders.period).toEqual({ min: 0, max: 1, spread: 1, mean: 0.67 });
		expect(leaders.allTime).toEqual({ min: 1, max: 7.5, spread: 6.5, mean: 5.33 });
		// 王三 (exempt, all-time 4) is not counted: 王一 6, 王二 5, 王四 1.
		expect(officers.period).toEqual({ min: 0, max: 1, spread: 1, mean: 0.67 });
		expect(officers.allTime).toEqual({ min: 1, max: 6, spread: 5, mean: 4 });
	});

	it('counts a draft only when it is the period looked at', async () => {
		const { office, l1, other } = await ledger();
		const r = await fairnessReport(db(), office.actor, other.periodId);
		expect(r.holidays).toEqual(['国庆节', '春节', '劳动节']);
		const [leaders] = r.pools;
		const me = leaders.people.find((p) => p.userId === l1.id);
		// The 元旦 draft is not counted here; 劳动节 (this period) is.
		expect(me && [me.period, me.year, me.allTime]).toEqual([
			{ shifts: 1, load: 1 },
			{ shifts: 4, load: 6.5 },
			{ shifts: 6, load: 8.5 }
		]);
	});

	it('shows an empty report for a period nobody is on yet', async () => {
		const { office } = await ledger();
		const empty = await newDutyPeriod(db(), {
			createdBy: office.id,
			dates: ['2026-05-01'],
			shifts: ALL_DAY
		});
		const r = await fairnessReport(db(), office.actor, empty.periodId);
		expect(r.hasAssignments).toBe(false);
		expect(r.pools.map((p) => [p.people, p.allTime.spread])).toEqual([
			[[], 0],
			[[], 0]
		]);
	});

	it('is for the office only: staff and leaders cannot see it', async () => {
		const { staff, l1, current, national } = await ledger();
		for (const who of [staff, l1]) {
			await expect(fairnessReport(db(), who.actor, national.periodId)).rejects.toBeInstanceOf(
				ForbiddenError
			);
			// A draft they may not even see is "not found".
			await expect(fairnessReport(db(), who.actor, current.periodId)).rejects.toBeInstanceOf(
				NotFoundError
			);
		}
		const admin = await newUser(db(), { roles: ['admin'] });
		await expect(fairnessReport(db(), admin.actor, 999_999)).rejects.toBeInstanceOf(NotFoundError);
	});
});
