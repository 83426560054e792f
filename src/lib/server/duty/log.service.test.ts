import { expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { newDutyPeriod } from '../testing/duty-fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import {
	acknowledgeHandover,
	addLogEntry,
	getShiftLog,
	listShiftLogs,
	periodLog,
	searchLogs,
	writeHandover
} from './log.service';

const D1 = '2026-10-01';
const D2 = '2026-10-02';
const DAY = 0;
const NIGHT = 1;

describeEachDialect('duty log and handover', ({ db }) => {
	/** 10-01 白班: 李强 (leader) + 王芳; 10-01 夜班: 赵军 + 陈静; 10-02 白班: 刘洋. */
	async function roster(status: 'published' | 'draft' = 'published') {
		const office = await newUser(db(), { roles: ['office'], name: '办公室张' });
		const li = await newUser(db(), { roles: ['leader'], name: '李强' });
		const wang = await newUser(db(), { name: '王芳' });
		const zhao = await newUser(db(), { roles: ['leader'], name: '赵军' });
		const chen = await newUser(db(), { name: '陈静' });
		const liu = await newUser(db(), { name: '刘洋' });
		const stranger = await newUser(db(), { name: '孙明' });
		const p = await newDutyPeriod(db(), {
			createdBy: office.id,
			dates: [D1, D2],
			status,
			assign: [
				{ date: D1, shift: DAY, role: 'leader', userId: li.id },
				{ date: D1, shift: DAY, role: 'officer', userId: wang.id },
				{ date: D1, shift: NIGHT, role: 'leader', userId: zhao.id },
				{ date: D1, shift: NIGHT, role: 'officer', userId: chen.id },
				{ date: D2, shift: DAY, role: 'officer', userId: liu.id }
			]
		});
		const at = (shift: number, date: string) => ({
			periodId: p.periodId,
			shiftId: p.shiftIds[shift],
			date
		});
		const call = (over: Record<string, unknown> = {}) => ({
			...at(DAY, D1),
			kind: 'call',
			occurredDate: D1,
			occurredTime: '09:15',
			caller: '王先生',
			unit: '市水务集团',
			phone: '13800000000',
			matter: '反映幸福小区停水',
			handling: '已转告物业，下午恢复',
			...over
		});
		return { office, li, wang, zhao, chen, liu, stranger, p, at, call };
	}

	async function entryCount(): Promise<number> {
		const r = await db()
			.selectFrom('duty_log_entries')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow();
		return Number(r.n);
	}

	it('lets an officer on duty log a call within their shift', async () => {
		const { wang, stranger, p, call } = await roster();
		const audits = await auditCount(db());
		await addLogEntry(db(), wang.actor, call());
		const log = await getShiftLog(db(), stranger.actor, p.periodId, p.shiftIds[DAY], D1);
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
		const visit = { ...at(NIGHT, D1), kind: 'visit', occurredDate: D2, occurredTime: '02:40' };
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
			fields: { occurredTime: '时间应在本班次时段内（2026-10-01 08:30 至 2026-10-01 17:30）' }
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
				title: '陈静 已确认接班：2026-10-01 白班',
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

	it('refuses the search to staff and leaders', async () => {
		const { wang, li } = await roster();
		for (const who of [wang, li]) {
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

	it('prints a period log grouped by date and shift, for the office only', async () => {
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
