import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { ApprovalWorld } from '../approval/approval.test-helpers';
import type { DB } from '../db';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { leaveBalances } from './balance.service';
import { clearLeaveQuota, listQuotas, setLeaveQuota } from './quotas.service';
import { myLeavePage } from './requests.query';
import { decideLeave, submitLeave } from './requests.service';
import { at, auditActions, leaveWorld, refusal, SEPT_1, threeDays } from './requests.test-helpers';

const KEY = { year: 2026, type: 'annual' as const };

async function quotaRows(db: DB) {
	return db.selectFrom('leave_quotas').selectAll().orderBy('user_id').execute();
}

/** 李明's three days of 年休假 (9–11 September), approved by 孙科长 and 钱局长. */
async function threeDaysTaken(db: DB, w: ApprovalWorld) {
	const id = await submitLeave(db, w.staff.actor, threeDays(), at(SEPT_1));
	await decideLeave(db, w.head.actor, id, { decision: 'approve', comment: '' }, at(SEPT_1));
	await decideLeave(db, w.leader.actor, id, { decision: 'approve', comment: '' }, at(SEPT_1));
}

describeEachDialect('假期额度', ({ db }) => {
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(SEPT_1);
		w = await leaveWorld(db());
	});

	it('the office sees everyone who takes leave: the rule, its setting, taken and left', async () => {
		await threeDaysTaken(db(), w);
		const t = await listQuotas(db(), w.office.actor, {});
		// This office year and 年休假 by default; five years back and one ahead may be set.
		expect(t).toMatchObject({ year: 2026, type: 'annual', thisYear: 2026, minYear: 2021 });
		expect(t.maxYear).toBe(2027);
		const names = t.rows.map((r) => r.name);
		// The administrator takes no leave and is not listed.
		expect(names).not.toContain('管理员');
		expect(names).toEqual(expect.arrayContaining(['李明', '孙科长', '郑主任', '王局长']));
		expect(t.rows.find((r) => r.name === '李明')).toMatchObject({
			departmentName: '综合科',
			workStartDate: '2012-07-01',
			ruleHalfDays: 20,
			override: null,
			quotaHalfDays: 20,
			takenHalfDays: 6,
			leftHalfDays: 14
		});
		// Since 2000: 20 years of service in 2026, 15 days.
		expect(t.rows.find((r) => r.name === '孙科长')).toMatchObject({ ruleHalfDays: 30 });
		// One department.
		const one = await listQuotas(db(), w.office.actor, { departmentId: w.otherDeptId });
		expect(one.rows.map((r) => r.name)).toEqual(['周科长']);
		// 探亲假 has no yearly rule.
		const visit = await listQuotas(db(), w.office.actor, { type: 'home_visit' });
		expect(visit.rows.find((r) => r.name === '李明')).toMatchObject({
			ruleHalfDays: null,
			quotaHalfDays: null,
			leftHalfDays: null
		});
	});

	it('a set quota is what the person sees on /leave; the same again changes nothing; 恢复按规则 goes back', async () => {
		await setLeaveQuota(db(), w.office.actor, {
			userId: w.staff.id,
			...KEY,
			days: '12.5',
			note: ' 上年结转 2.5 天 '
		});
		expect(await quotaRows(db())).toMatchObject([
			{ user_id: w.staff.id, year: 2026, type: 'annual', half_days: 25, note: '上年结转 2.5 天' }
		]);
		const mine = await myLeavePage(db(), w.staff.actor);
		expect(mine.balances.find((b) => b.type === 'annual')).toMatchObject({
			quotaHalfDays: 25,
			leftHalfDays: 25
		});
		const row = (await listQuotas(db(), w.office.actor, {})).rows.find(
			(r) => r.userId === w.staff.id
		);
		expect(row).toMatchObject({
			ruleHalfDays: 20,
			quotaHalfDays: 25,
			override: {
				halfDays: 25,
				note: '上年结转 2.5 天',
				setByName: '郑主任',
				setAt: new Date(SEPT_1).toISOString()
			}
		});
		const [set] = await auditRows(db(), 'leave.quota_set');
		expect(set).toMatchObject({
			entity: 'user',
			entityId: String(w.staff.id),
			changes: {
				year: 2026,
				leaveType: 'annual',
				days: [null, 12.5],
				note: [null, '上年结转 2.5 天']
			}
		});

		// Saving the same again writes nothing.
		await setLeaveQuota(db(), w.office.actor, {
			userId: w.staff.id,
			...KEY,
			days: 12.5,
			note: '上年结转 2.5 天'
		});
		expect(await auditActions(db())).toEqual(['leave.quota_set']);

		await clearLeaveQuota(db(), w.office.actor, { userId: w.staff.id, ...KEY });
		expect(await quotaRows(db())).toEqual([]);
		expect(
			(await leaveBalances(db(), w.staff.id, 2026)).find((b) => b.type === 'annual')
		).toMatchObject({ quotaHalfDays: 20 });
		expect((await auditRows(db(), 'leave.quota_clear'))[0].changes).toEqual({
			year: 2026,
			leaveType: 'annual',
			days: [12.5, null],
			note: ['上年结转 2.5 天', null]
		});
		// A second 恢复按规则 says there is nothing to restore.
		expect(
			await refusal(clearLeaveQuota(db(), w.office.actor, { userId: w.staff.id, ...KEY }))
		).toEqual({
			name: 'ValidationError',
			fields: { _: '李明 2026 年的年休假没有本单位设定，已按规则计算，无需恢复。' }
		});
		expect(await auditActions(db())).toEqual(['leave.quota_set', 'leave.quota_clear']);
	});

	it('探亲假 (no rule) gets the days the office sets; 0 days is a quota too', async () => {
		await setLeaveQuota(db(), w.office.actor, {
			userId: w.staff.id,
			year: 2026,
			type: 'home_visit',
			days: '20',
			note: '探亲假（父母）'
		});
		await setLeaveQuota(db(), w.office.actor, {
			userId: w.head.id,
			year: 2026,
			type: 'home_visit',
			days: '0',
			note: ''
		});
		const byType = async (id: number) =>
			(await leaveBalances(db(), id, 2026)).find((b) => b.type === 'home_visit');
		expect(await byType(w.staff.id)).toMatchObject({ quotaHalfDays: 40, leftHalfDays: 40 });
		expect(await byType(w.head.id)).toMatchObject({ quotaHalfDays: 0, leftHalfDays: 0 });
		// Other years and types keep their rule.
		expect(
			(await leaveBalances(db(), w.staff.id, 2027)).find((b) => b.type === 'home_visit')
		).toMatchObject({ quotaHalfDays: null });
	});

	it('a department head cannot set a quota; the administrator, the auditor, staff and 局领导 cannot either', async () => {
		const auditor = await newUser(db(), { name: '审计员', roles: ['auditor'] });
		const input = { userId: w.staff.id, ...KEY, days: '15', note: '' };
		for (const who of [w.head, w.admin, auditor, w.staff, w.leader]) {
			expect((await refusal(setLeaveQuota(db(), who.actor, input))).name).toBe('ForbiddenError');
			expect(
				(await refusal(clearLeaveQuota(db(), who.actor, { userId: w.staff.id, ...KEY }))).name
			).toBe('ForbiddenError');
			expect((await refusal(listQuotas(db(), who.actor, {}))).name).toBe('ForbiddenError');
		}
		expect(await quotaRows(db())).toEqual([]);
		expect(await auditActions(db())).toEqual([]);
	});

	it('bad input is refused with what to do, and nothing changes', async () => {
		const gone = await newUser(db(), { name: '赵离职', departmentId: w.deptId, isActive: false });
		const ok = { userId: w.staff.id, ...KEY, days: '15', note: '' };
		const cases: [Record<string, unknown>, Record<string, string>][] = [
			[{ userId: 999_999 }, { userId: '找不到这个人员，请刷新页面后重新选择。' }],
			[{ userId: '' }, { userId: '请选择要设定额度的人员。' }],
			[{ userId: gone.id }, { userId: '赵离职 的账号已停用，不能设定假期额度。' }],
			[
				{ userId: w.admin.id },
				{ userId: '管理员 的账号不请假（系统管理员、安全审计员），无需设定额度。' }
			],
			[{ year: 2020 }, { year: '只能设定 2021—2027 年的额度，请重新选择年度。' }],
			[{ year: 2028 }, { year: '只能设定 2021—2027 年的额度，请重新选择年度。' }],
			[{ year: '明年' }, { year: '年度应为 2000—2100 之间的整数。' }],
			[{ type: 'vacation' }, { type: '请选择假别。' }],
			[{ days: '7.3' }, { days: '请填写 0—365 的天数，以半天为单位（如 5 或 7.5）。' }],
			[{ days: '-1' }, { days: '请填写 0—365 的天数，以半天为单位（如 5 或 7.5）。' }],
			[{ days: '366' }, { days: '请填写 0—365 的天数，以半天为单位（如 5 或 7.5）。' }],
			[{ days: '' }, { days: '请填写 0—365 的天数，以半天为单位（如 5 或 7.5）。' }],
			[{ days: '五天' }, { days: '请填写 0—365 的天数，以半天为单位（如 5 或 7.5）。' }]
		];
		for (const [change, fields] of cases)
			expect(await refusal(setLeaveQuota(db(), w.office.actor, { ...ok, ...change }))).toEqual({
				name: 'ValidationError',
				fields
			});
		// Several mistakes at once are all reported.
		expect(
			(
				await refusal(
					setLeaveQuota(db(), w.office.actor, {
						...ok,
						...({ type: 'x', days: '0.3', year: 'y' } as Record<string, unknown>)
					})
				)
			).fields
		).toMatchObject({
			type: expect.any(String),
			days: expect.any(String),
			year: expect.any(String)
		});
		expect(
			await refusal(clearLeaveQuota(db(), w.office.actor, { userId: 999_999, ...KEY }))
		).toMatchObject({ name: 'ValidationError', fields: { userId: expect.any(String) } });
		expect(await quotaRows(db())).toEqual([]);
		expect(await auditActions(db())).toEqual([]);
	});

	it('a quota below the days already taken that year is refused, saying how many', async () => {
		await threeDaysTaken(db(), w);
		const input = { userId: w.staff.id, ...KEY, note: '' };
		expect(await refusal(setLeaveQuota(db(), w.office.actor, { ...input, days: '2.5' }))).toEqual({
			name: 'ValidationError',
			fields: { days: '李明 2026 年已休年休假 3 天，额度不能少于 3 天。' }
		});
		expect(await quotaRows(db())).toEqual([]);
		expect(await auditActions(db(), 'leave.quota')).toEqual([]);
		// Exactly the days taken is allowed: nothing left.
		await setLeaveQuota(db(), w.office.actor, { ...input, days: '3' });
		const row = (await listQuotas(db(), w.office.actor, {})).rows.find(
			(r) => r.userId === w.staff.id
		);
		expect(row).toMatchObject({ quotaHalfDays: 6, takenHalfDays: 6, leftHalfDays: 0 });
		// Days of another year do not count.
		await setLeaveQuota(db(), w.office.actor, { ...input, year: 2027, days: '0' });
	});
});
