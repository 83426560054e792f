import { expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount } from '../testing/fixtures';
import { getShiftLog, periodLog, searchLogs } from './log.query';
import { addLogEntry, writeHandover } from './log.service';
import { D1, D2, DAY, logFixtures, NIGHT } from './log.test-helpers';

describeEachDialect('duty log', ({ db }) => {
	const { roster, entryCount } = logFixtures(db);

	it('lets an officer on duty log a call within their shift', async () => {
		const { wang, zhao, p, call } = await roster();
		const audits = await auditCount(db());
		await addLogEntry(db(), wang.actor, call());
		// 赵军 is a 局领导 on another shift: he reads this one but may not write in it.
		const log = await getShiftLog(db(), zhao.actor, p.periodId, p.shiftIds[DAY], D1);
		expect(log.shift.people.map((x) => [x.name, x.role])).toEqual([
			['李强', 'leader'],
			['王芳', 'officer']
		]);
		expect(log.entries).toHaveLength(1);
		const [e] = log.entries;
		expect([e.kind, e.caller, e.unit, e.matter, e.createdByName]).toEqual([
			'call',
			'王先生',
			'市水务集团',
			'反映幸福小区停水',
			'王芳'
		]);
		// 09:15 Beijing time.
		expect(new Date(e.occurredAt).toISOString()).toBe('2026-10-01T01:15:00.000Z');
		expect([log.canWrite, log.canWriteHandover, log.canAcknowledge]).toEqual([false, false, false]);
		expect(await auditCount(db())).toBe(audits + 1);
	});

	it('accepts the small hours of a night shift on the next calendar day', async () => {
		const { chen, p, at, call } = await roster();
		const visit = {
			...at(NIGHT, D1),
			kind: 'visit' as const,
			occurredDate: D2,
			occurredTime: '02:40'
		};
		await addLogEntry(db(), chen.actor, call(visit));
		const log = await getShiftLog(db(), chen.actor, p.periodId, p.shiftIds[NIGHT], D1);
		expect(log.entries.map((e) => [e.kind, e.occurredAt])).toEqual([
			['visit', '2026-10-01T18:40:00.000Z']
		]);
		expect([log.canWrite, log.canWriteHandover]).toEqual([true, true]);
	});

	it('refuses someone not on duty in that shift, and writes nothing', async () => {
		const { stranger, liu, chen, call } = await roster();
		const audits = await auditCount(db());
		for (const who of [stranger, liu, chen]) {
			await expect(addLogEntry(db(), who.actor, call())).rejects.toBeInstanceOf(ForbiddenError);
		}
		expect(await entryCount()).toBe(0);
		expect(await auditCount(db())).toBe(audits);
	});

	it('lets the office log in any shift, and hides a draft period from staff', async () => {
		const pub = await roster();
		await addLogEntry(db(), pub.office.actor, pub.call({ ...pub.at(DAY, D2), occurredDate: D2 }));
		expect(await entryCount()).toBe(1);
		const draft = await roster('draft');
		await expect(addLogEntry(db(), draft.wang.actor, draft.call())).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(
			getShiftLog(db(), draft.wang.actor, draft.p.periodId, draft.p.shiftIds[DAY], D1)
		).rejects.toBeInstanceOf(NotFoundError);
		expect(await entryCount()).toBe(1);
	});

	it('refuses a time outside the shift with a message on the time', async () => {
		const { wang, call } = await roster();
		const audits = await auditCount(db());
		await expect(
			addLogEntry(db(), wang.actor, call({ occurredTime: '18:05' }))
		).rejects.toMatchObject({
			fields: { occurredTime: '时间应在本班次时段内：2026年10月1日（星期四）08:30—17:30' }
		});
		await expect(
			addLogEntry(db(), wang.actor, call({ occurredDate: D2, occurredTime: '09:00' }))
		).rejects.toMatchObject({ fields: { occurredTime: expect.stringContaining('08:30') } });
		expect(await entryCount()).toBe(0);
		expect(await auditCount(db())).toBe(audits);
	});

	it('needs the time an incident was reported upward, and to whom', async () => {
		const { wang, li, p, call } = await roster();
		const incident = call({ kind: 'incident', matter: '辖区道路塌陷' });
		await expect(addLogEntry(db(), wang.actor, incident)).rejects.toMatchObject({
			fields: { reportedTime: '突发事件须填写上报时间', reportedTo: '突发事件须填写上报对象' }
		});
		await expect(
			addLogEntry(db(), wang.actor, { ...incident, reportedTime: '09:00', reportedTo: '区应急局' })
		).rejects.toMatchObject({ fields: { reportedTime: '上报时间不能早于发生时间' } });
		expect(await entryCount()).toBe(0);
		await addLogEntry(db(), wang.actor, {
			...incident,
			reportedTime: '09:30',
			reportedTo: '区应急局'
		});
		const [e] = (await getShiftLog(db(), li.actor, p.periodId, p.shiftIds[DAY], D1)).entries;
		expect([e.kind, e.reportedAt, e.reportedTo]).toEqual([
			'incident',
			'2026-10-01T01:30:00.000Z',
			'区应急局'
		]);
	});

	it('lets the office search by text and by date, finding exactly the right entries', async () => {
		const { office, wang, chen, liu, at, call } = await roster();
		await addLogEntry(db(), wang.actor, call());
		await addLogEntry(
			db(),
			wang.actor,
			call({
				occurredTime: '10:00',
				caller: '周女士',
				unit: 'ABC物业',
				matter: '咨询值班电话',
				handling: '已答复'
			})
		);
		await addLogEntry(
			db(),
			chen.actor,
			call({
				...at(NIGHT, D1),
				occurredTime: '20:00',
				caller: '',
				unit: '区应急局',
				matter: '通知：明日停水演练',
				handling: ''
			})
		);
		await addLogEntry(
			db(),
			liu.actor,
			call({
				...at(DAY, D2),
				occurredDate: D2,
				unit: '市水务集团',
				matter: '回访停水情况',
				handling: '群众满意'
			})
		);

		const matters = async (input: Record<string, unknown>) =>
			(await searchLogs(db(), office.actor, { page: 1, ...input })).rows.map((r) => r.matter);
		expect(await matters({ q: '停水' })).toEqual([
			'回访停水情况',
			'通知：明日停水演练',
			'反映幸福小区停水'
		]);
		expect(await matters({ q: '停水', date: D2 })).toEqual(['回访停水情况']);
		expect(await matters({ q: 'abc' })).toEqual(['咨询值班电话']);
		expect(await matters({ q: '13800000000', date: D1 })).toEqual([
			'通知：明日停水演练',
			'咨询值班电话',
			'反映幸福小区停水'
		]);
		expect(await matters({ q: '满意' })).toEqual(['回访停水情况']);
		const r = await searchLogs(db(), office.actor, { q: '', page: '1' });
		expect([r.total, r.pages, r.rows[0].periodName, r.rows[0].shiftName]).toEqual([
			4,
			1,
			expect.stringContaining('测试值班'),
			'白班'
		]);
	});

	it('refuses the search to staff', async () => {
		const { wang, stranger } = await roster();
		for (const who of [wang, stranger]) {
			await expect(searchLogs(db(), who.actor, { q: '停水', page: 1 })).rejects.toBeInstanceOf(
				ForbiddenError
			);
		}
	});

	it('matches % and _ in the search text literally', async () => {
		const { office, wang, call } = await roster();
		await addLogEntry(db(), wang.actor, call({ matter: '报送完成率100%' }));
		await addLogEntry(db(), wang.actor, call({ matter: '其他事项', occurredTime: '10:00' }));
		await addLogEntry(db(), wang.actor, call({ matter: '文件编号A_1', occurredTime: '11:00' }));
		const q = async (text: string) =>
			(await searchLogs(db(), office.actor, { q: text, page: 1 })).rows.map((r) => r.matter);
		expect(await q('%')).toEqual(['报送完成率100%']);
		expect(await q('A_1')).toEqual(['文件编号A_1']);
		expect(await q('_')).toEqual(['文件编号A_1']);
	});

	it('prints a period log grouped by date and shift, not for staff', async () => {
		const { office, wang, chen, p, at, call } = await roster();
		await addLogEntry(
			db(),
			chen.actor,
			call({ ...at(NIGHT, D1), occurredTime: '21:00', matter: '夜间来电' })
		);
		await addLogEntry(db(), wang.actor, call());
		await writeHandover(db(), wang.actor, { ...at(DAY, D1), note: '无异常' });
		const log = await periodLog(db(), office.actor, p.periodId);
		expect(
			log.days.map((d) => [
				d.date,
				d.shifts.map((s) => [s.shiftName, s.entries.map((e) => e.matter), s.handover?.note ?? null])
			])
		).toEqual([
			[
				D1,
				[
					['白班', ['反映幸福小区停水'], '无异常'],
					['夜班', ['夜间来电'], null]
				]
			],
			[
				D2,
				[
					['白班', [], null],
					['夜班', [], null]
				]
			]
		]);
		await expect(periodLog(db(), wang.actor, p.periodId)).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('rejects unknown shifts and dates as not found', async () => {
		const { wang, p, call } = await roster();
		await expect(
			addLogEntry(db(), wang.actor, call({ date: '2026-10-05', occurredDate: '2026-10-05' }))
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(
			getShiftLog(db(), wang.actor, p.periodId, p.shiftIds[DAY] + 100, D1)
		).rejects.toBeInstanceOf(NotFoundError);
		await expect(addLogEntry(db(), wang.actor, call({ matter: '  ' }))).rejects.toBeInstanceOf(
			ValidationError
		);
	});
});
