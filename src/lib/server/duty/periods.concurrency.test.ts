import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { dutyBureau, N, parallelHarness } from './duty.test-helpers';
import {
	createPeriod,
	updatePeriodDay,
	updatePeriodDetails,
	deleteShift,
	saveShift,
	useDayAndNightShifts
} from './periods.service';
import { tableCounts } from './periods.test-helpers';
import { listShifts } from './periods.repository';
import {
	addUnavailability,
	removeUnavailability,
	addExemption,
	addToPool,
	removeExemption,
	removeFromPool
} from './pools.service';

const MAY = { source: 'range' as const, startDate: '2026-05-01', endDate: '2026-05-05' };
const NIGHT = {
	name: '夜班',
	startTime: '17:30',
	endTime: '08:30',
	isOvernight: true,
	leadersNeeded: 1,
	officersNeeded: 1,
	weight: 1.5
};

describeEachDialect('duty period setup, 20 identical calls at once', (ctx) => {
	const { burst } = parallelHarness(ctx);
	const db = () => ctx.db();

	async function draft() {
		const bureau = await dutyBureau(db(), { leaders: 2, officers: 4 });
		const id = await createPeriod(db(), bureau.office.actor, MAY);
		return { ...bureau, id };
	}

	const count = async (
		table: 'duty_pool_members' | 'duty_exemptions' | 'duty_unavailability',
		userId: number
	) =>
		(await db().selectFrom(table).select('user_id').where('user_id', '=', userId).execute()).length;

	it('新建值班期: one period over the same dates, the others told of the overlap', async () => {
		const { office } = await dutyBureau(db(), { leaders: 2, officers: 4 });
		const r = await burst((w) => createPeriod(w, office.actor, MAY));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(
			new Set(['与「2026-05-01至2026-05-05值班」（5月1日—5月5日）日期重叠'])
		);
		expect((await tableCounts(db())).periods).toBe(1);
		expect(r.audit).toEqual({ 'duty_period.create': 1 });
		expect([r.notifications, r.mails]).toEqual([[], 0]);
	});

	it('overlapping but different ranges: still only one period', async () => {
		const { office } = await dutyBureau(db(), { leaders: 1, officers: 2 });
		const r = await burst((w, i) =>
			createPeriod(w, office.actor, {
				source: 'range',
				startDate: `2026-05-${String(1 + (i % 5)).padStart(2, '0')}`,
				endDate: '2026-05-10'
			})
		);
		expect(r.ok).toHaveLength(1);
		expect((await tableCounts(db())).periods).toBe(1);
		expect(r.audit).toEqual({ 'duty_period.create': 1 });
	});

	it('新增班次: one shift of a name, the others told it exists', async () => {
		const { office, id } = await draft();
		const r = await burst((w) => saveShift(w, office.actor, id, NIGHT));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set(['已有名为「夜班」的班次']));
		expect((await listShifts(db(), id)).map((s) => s.name)).toEqual(['全天', '夜班']);
		expect(r.audit).toEqual({ 'duty_shift.create': 1 });
	});

	it('修改班次 twice the same: one change recorded', async () => {
		const { office, id } = await draft();
		const [shift] = await listShifts(db(), id);
		const r = await burst((w) =>
			saveShift(w, office.actor, id, { ...NIGHT, id: shift.id, name: '全天值班' })
		);
		expect(r.ok).toHaveLength(N);
		expect(r.audit).toEqual({ 'duty_shift.update': 1 });
	});

	it('删除班次: deleted once; the last shift stays whatever is deleted at once', async () => {
		const { office, id } = await draft();
		const night = await saveShift(db(), office.actor, id, NIGHT);
		const r = await burst((w) => deleteShift(w, office.actor, id, night));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.errors.map((e) => (e as Error).name))).toEqual(new Set(['NotFoundError']));
		expect(r.audit).toEqual({ 'duty_shift.delete': 1 });

		const again = await saveShift(db(), office.actor, id, NIGHT);
		const [first] = await listShifts(db(), id);
		const both = await burst((w, i) => deleteShift(w, office.actor, id, i % 2 ? again : first.id));
		expect(both.ok).toHaveLength(1);
		expect(await listShifts(db(), id)).toHaveLength(1);
		expect(both.audit).toEqual({ 'duty_shift.delete': 1 });
	});

	it('白班＋夜班 preset: two shifts, one change recorded', async () => {
		const { office, id } = await draft();
		const r = await burst((w) => useDayAndNightShifts(w, office.actor, id));
		expect(r.ok).toHaveLength(N);
		expect((await listShifts(db(), id)).map((s) => s.name)).toEqual(['白班', '夜班']);
		expect(r.audit).toEqual({ 'duty_shift.preset': 1 });
	});

	it('值班日: a day’s weight set once', async () => {
		const { office, id } = await draft();
		const day = { date: '2026-05-02', weight: 2, label: '劳动节' };
		const r = await burst((w) => updatePeriodDay(w, office.actor, id, day));
		expect(r.ok).toHaveLength(N);
		expect(r.audit).toEqual({ 'duty_period.day': 1 });
	});

	it('值班期信息: the same details saved once', async () => {
		const { office, id } = await draft();
		const details = { name: '劳动节值班', phone: '0571-87000001', note: '' };
		const r = await burst((w) => updatePeriodDetails(w, office.actor, id, details));
		expect(r.ok).toHaveLength(N);
		expect(r.audit).toEqual({ 'duty_period.update': 1 });
	});

	it('值班人员: a person added once and removed once', async () => {
		const { office, id, dept } = await draft();
		const extra = await newUser(db(), { name: '新同事', departmentId: dept });
		const add = await burst((w) =>
			addToPool(w, office.actor, id, { role: 'officer', by: 'person', userId: extra.id })
		);
		expect(add.ok.reduce((a, b) => a + b, 0)).toBe(1);
		expect(await count('duty_pool_members', extra.id)).toBe(1);
		expect(add.audit).toEqual({ 'duty_pool.add': 1 });

		const remove = await burst((w) => removeFromPool(w, office.actor, id, 'officer', extra.id));
		expect(remove.ok).toHaveLength(1);
		expect(new Set(remove.errors.map((e) => (e as Error).name))).toEqual(
			new Set(['NotFoundError'])
		);
		expect(await count('duty_pool_members', extra.id)).toBe(0);
		expect(remove.audit).toEqual({ 'duty_pool.remove': 1 });
	});

	it('免值: a person exempted once and the exemption removed once', async () => {
		const { office, officers, id } = await draft();
		const who = officers[0].id;
		const add = await burst((w) =>
			addExemption(w, office.actor, id, { userId: who, reason: '孕期' })
		);
		expect(add.ok).toHaveLength(1);
		expect(new Set(add.messages)).toEqual(new Set(['此人已在免值名单中']));
		expect(await count('duty_exemptions', who)).toBe(1);
		expect(add.audit).toEqual({ 'duty_exemption.add': 1 });

		const remove = await burst((w) => removeExemption(w, office.actor, id, who));
		expect(remove.ok).toHaveLength(1);
		expect(await count('duty_exemptions', who)).toBe(0);
		expect(remove.audit).toEqual({ 'duty_exemption.remove': 1 });
	});

	it('不可值班: the same dates marked once and removed once', async () => {
		const { office, officers } = await dutyBureau(db(), { leaders: 1, officers: 2 });
		const who = officers[0].id;
		const input = { userId: who, startDate: '2026-05-01', endDate: '2026-05-03', reason: '出差' };
		const add = await burst((w) => addUnavailability(w, office.actor, input));
		expect(add.ok).toHaveLength(1);
		expect(new Set(add.messages)).toEqual(new Set(['此人在这些日期已登记为不可值班']));
		expect(await count('duty_unavailability', who)).toBe(1);
		expect(add.audit).toEqual({ 'duty_unavailability.add': 1 });

		const remove = await burst((w) => removeUnavailability(w, office.actor, add.ok[0]));
		expect(remove.ok).toHaveLength(1);
		expect(new Set(remove.errors.map((e) => (e as Error).name))).toEqual(
			new Set(['NotFoundError'])
		);
		expect(remove.audit).toEqual({ 'duty_unavailability.remove': 1 });
	});
});
