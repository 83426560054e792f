import { expect, it } from 'vitest';
import { ForbiddenError } from '../errors';
import { newDutyPeriod } from '../testing/duty-fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { getShiftLog, listShiftLogs } from './log.query';
import { D1, D2, DAY, logFixtures, NIGHT } from './log.test-helpers';
import { acknowledgeHandover, writeHandover } from './log.service';

describeEachDialect('duty handover', ({ db }) => {
	const { roster } = logFixtures(db);

	it('hands over from the day shift to the night shift, and tells the writer', async () => {
		const { wang, chen, zhao, p, at } = await roster();
		await writeHandover(db(), wang.actor, { ...at(DAY, D1), note: '幸福小区停水待跟进' });
		await writeHandover(db(), wang.actor, { ...at(DAY, D1), note: '幸福小区停水已恢复，请回访' });
		let night = await getShiftLog(db(), chen.actor, p.periodId, p.shiftIds[NIGHT], D1);
		expect(night.previous?.handover?.note).toBe('幸福小区停水已恢复，请回访');
		expect(night.canAcknowledge).toBe(true);
		const audits = await auditCount(db());
		await acknowledgeHandover(db(), chen.actor, { shiftId: p.shiftIds[DAY], date: D1 });
		night = await getShiftLog(db(), zhao.actor, p.periodId, p.shiftIds[NIGHT], D1);
		expect([
			night.previous?.handover?.acknowledgedByName,
			night.canAcknowledge,
			night.previous?.shiftName
		]).toEqual(['陈静', false, '白班']);
		expect(await auditCount(db())).toBe(audits + 1);
		const notes = await db()
			.selectFrom('notifications')
			.select(['user_id', 'kind', 'title', 'link'])
			.execute();
		expect(notes).toEqual([
			{
				user_id: wang.id,
				kind: 'duty_handover',
				title: '陈静 已确认接班：2026年10月1日（星期四）白班',
				link: `/duty/${p.periodId}/log/${p.shiftIds[DAY]}/${D1}`
			}
		]);
		const list = await listShiftLogs(db(), wang.actor, p.periodId);
		expect(list.instances.map((x) => [x.date, x.shiftName, x.handover])).toEqual([
			[D1, '白班', 'acknowledged'],
			[D1, '夜班', 'none'],
			[D2, '白班', 'none'],
			[D2, '夜班', 'none']
		]);
	});

	it('lets only the next shift acknowledge, never the writer, and only once', async () => {
		const office = await newUser(db(), { roles: ['office'] });
		const wang = await newUser(db(), { name: '王芳' });
		const li = await newUser(db(), { name: '李强' });
		const chen = await newUser(db(), { name: '陈静' });
		const liu = await newUser(db(), { name: '刘洋' });
		// 王芳 is on the day shift and (by a hand edit) on the night shift too.
		const p = await newDutyPeriod(db(), {
			createdBy: office.id,
			dates: [D1, D2],
			assign: [
				{ date: D1, shift: DAY, role: 'officer', userId: wang.id },
				{ date: D1, shift: DAY, role: 'leader', userId: li.id },
				{ date: D1, shift: NIGHT, role: 'leader', userId: wang.id },
				{ date: D1, shift: NIGHT, role: 'officer', userId: chen.id },
				{ date: D2, shift: DAY, role: 'officer', userId: liu.id }
			]
		});
		const key = { shiftId: p.shiftIds[DAY], date: D1 };
		await expect(acknowledgeHandover(db(), chen.actor, key)).rejects.toMatchObject({
			fields: { _: '该班次尚未填写交班事项' }
		});
		await writeHandover(db(), wang.actor, { periodId: p.periodId, ...key, note: '无异常' });
		const audits = await auditCount(db());
		await expect(acknowledgeHandover(db(), wang.actor, key)).rejects.toMatchObject({
			fields: { _: '不能确认自己填写的交班事项' }
		});
		for (const who of [li, liu, office]) {
			await expect(acknowledgeHandover(db(), who.actor, key)).rejects.toBeInstanceOf(
				ForbiddenError
			);
		}
		expect(await auditCount(db())).toBe(audits);
		await acknowledgeHandover(db(), chen.actor, key);
		await expect(acknowledgeHandover(db(), chen.actor, key)).rejects.toMatchObject({
			fields: { _: '交班事项已经确认过了' }
		});
	});

	it('keeps an acknowledged handover as it was', async () => {
		const { wang, li, chen, stranger, p, at } = await roster();
		await expect(
			writeHandover(db(), stranger.actor, { ...at(DAY, D1), note: '冒名' })
		).rejects.toBeInstanceOf(ForbiddenError);
		await writeHandover(db(), wang.actor, { ...at(DAY, D1), note: '无异常' });
		await acknowledgeHandover(db(), chen.actor, { shiftId: p.shiftIds[DAY], date: D1 });
		const audits = await auditCount(db());
		for (const who of [wang, li]) {
			await expect(
				writeHandover(db(), who.actor, { ...at(DAY, D1), note: '补充：停水' })
			).rejects.toMatchObject({ fields: { _: '交班事项已由接班人员确认，不能再修改' } });
		}
		const log = await getShiftLog(db(), wang.actor, p.periodId, p.shiftIds[DAY], D1);
		expect([log.handover?.note, log.canWriteHandover]).toEqual(['无异常', false]);
		expect(await auditCount(db())).toBe(audits);
	});
});
