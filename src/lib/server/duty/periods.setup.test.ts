import { expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { dutyBureau } from './duty.test-helpers';
import { createPeriod, saveShift, useDayAndNightShifts } from './periods.service';
import { tableCounts } from './periods.test-helpers';
import { listPoolMembers } from './pools.repository';
import { listShifts } from './periods.repository';
import { addUnavailability, addExemption, addToPool } from './pools.service';

describeEachDialect('duty period setup', ({ db }) => {
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

	it('never puts the security auditor into a pool, by person or otherwise (三员分立)', async () => {
		const { office, dept } = await dutyBureau(db(), { officers: 1 });
		const auditor = await newUser(db(), { name: '审计员', roles: ['auditor'], departmentId: dept });
		const id = await createPeriod(db(), office.actor, {
			source: 'range',
			startDate: '2026-05-01',
			endDate: '2026-05-05'
		});
		const pool = async () => (await listPoolMembers(db(), id)).map((p) => p.id);
		expect(await pool()).not.toContain(auditor.id);
		const before = await tableCounts(db());
		for (const role of ['leader', 'officer'] as const) {
			await expect(
				addToPool(db(), office.actor, id, { role, by: 'person', userId: auditor.id })
			).rejects.toMatchObject({ fields: { userId: '安全审计员不参加值班' } });
		}
		expect(await tableCounts(db())).toEqual(before);
		await addToPool(db(), office.actor, id, {
			role: 'officer',
			by: 'department',
			departmentId: dept
		});
		expect(await pool()).not.toContain(auditor.id);
	});
});
