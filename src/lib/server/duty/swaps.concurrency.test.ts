import { dayFromNow } from '../testing/dates';
import { expect, it } from 'vitest';
import type { DB } from '../db';
import { DAY_AND_NIGHT, newDutyPeriod } from '../testing/duty-fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { decideSwap, respondToSwap, withdrawSwap, proposeSwap } from './swaps.service';
import { handover, rosterOf, shortDate, swapRows, swapScene } from './swaps.test-helpers';
import { parallelHarness } from './duty.test-helpers';

const DONE = '该调班申请已处理，不能再操作';

describeEachDialect('duty swaps, 20 identical calls at once', (ctx) => {
	const { burst } = parallelHarness(ctx);
	const db = () => ctx.db();

	/** 张三 asks 李四 to take his 10th-day 白班; accepted when `accepted`. */
	async function request(accepted: boolean) {
		const s = await swapScene(db());
		const id = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		if (accepted) await respondToSwap(db(), s.li.actor, id, true);
		return { ...s, id };
	}

	const statuses = async (d: DB) => (await swapRows(d)).map((r) => r.status);
	const note = (u: { id: number }) => `${u.id}:duty_swap`;

	it('申请替班: one request, the colleague asked once', async () => {
		const s = await swapScene(db());
		const r = await burst((w) => proposeSwap(w, s.zhang.actor, handover(s.slots.a, s.li.id)));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set(['该班次已有一条待处理的调班申请']));
		expect(await statuses(db())).toEqual(['proposed']);
		expect(r.notifications).toEqual([note(s.li)]);
		expect(r.audit).toEqual({ 'duty_swap.propose': 1 });
		expect(r.mails).toBe(0);
	});

	it('同意替班: accepted once; the requester and the office told once', async () => {
		const s = await request(false);
		const r = await burst((w) => respondToSwap(w, s.li.actor, s.id, true));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set([DONE]));
		expect(await statuses(db())).toEqual(['accepted']);
		expect(r.notifications).toEqual([note(s.zhang), note(s.office), note(s.office2)].sort());
		expect(r.audit).toEqual({ 'duty_swap.accept': 1 });
	});

	it('拒绝替班: declined once, the requester told once', async () => {
		const s = await request(false);
		const r = await burst((w) => respondToSwap(w, s.li.actor, s.id, false));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set([DONE]));
		expect(r.notifications).toEqual([note(s.zhang)]);
		expect(r.audit).toEqual({ 'duty_swap.decline': 1 });
	});

	it('批准: the slot moves once; the losers hear it was dealt with, not "请驳回"', async () => {
		const s = await request(true);
		const before = await rosterOf(db(), s.period.periodId);
		const r = await burst((w) => decideSwap(w, s.office.actor, s.id, true, ''));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set([DONE]));
		expect(await statuses(db())).toEqual(['approved']);
		expect(await rosterOf(db(), s.period.periodId)).toEqual({ ...before, [s.slots.a]: s.li.id });
		expect(r.notifications).toEqual([note(s.zhang), note(s.li), note(s.office2)].sort());
		expect(r.audit).toEqual({ 'duty_swap.approve': 1 });
	});

	it('驳回: rejected once, both told once', async () => {
		const s = await request(true);
		const r = await burst((w) => decideSwap(w, s.office.actor, s.id, false, '人手紧张'));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set([DONE]));
		expect(r.notifications).toEqual([note(s.zhang), note(s.li)].sort());
		expect(r.audit).toEqual({ 'duty_swap.reject': 1 });
	});

	it('批准 and 驳回 at once: exactly one decision', async () => {
		const s = await request(true);
		const before = await rosterOf(db(), s.period.periodId);
		const r = await burst((w, i) =>
			decideSwap(w, i % 2 ? s.office.actor : s.office2.actor, s.id, i % 4 < 2, '人手紧张')
		);
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set([DONE]));
		const [status] = await statuses(db());
		expect(Object.values(r.audit)).toEqual([1]);
		expect(await rosterOf(db(), s.period.periodId)).toEqual(
			status === 'approved' ? { ...before, [s.slots.a]: s.li.id } : before
		);
	});

	it('撤回: withdrawn once, the colleague told once', async () => {
		const s = await request(true);
		const r = await burst((w) => withdrawSwap(w, s.zhang.actor, s.id));
		expect(r.ok).toHaveLength(1);
		expect(new Set(r.messages)).toEqual(new Set([DONE]));
		expect(await statuses(db())).toEqual(['withdrawn']);
		expect(r.notifications).toEqual([note(s.li)]);
		expect(r.audit).toEqual({ 'duty_swap.withdraw': 1 });
	});

	it('two 替班 onto one colleague on touching shifts, approved at once: only one', async () => {
		const s = await swapScene(db());
		// 张三's 白班 and 王五's 夜班 of the same day, both to 赵六: together back to back.
		const day = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.zhao.id));
		const night = await proposeSwap(db(), s.wang.actor, handover(s.slots.n, s.zhao.id));
		await respondToSwap(db(), s.zhao.actor, day, true);
		await respondToSwap(db(), s.zhao.actor, night, true);
		const r = await burst((w, i) => decideSwap(w, s.office.actor, i % 2 ? night : day, true, ''));
		expect(r.ok).toHaveLength(1);
		const roster = await rosterOf(db(), s.period.periodId);
		expect([roster[s.slots.a], roster[s.slots.n]].filter((u) => u === s.zhao.id)).toHaveLength(1);
		const other = roster[s.slots.a] === s.zhao.id ? '夜班' : '白班';
		const refusal = `调换后 赵六 将在 ${shortDate(s.d1)}${other} 前后连续值班，不能调入`;
		expect(new Set(r.messages)).toEqual(new Set([DONE, refusal]));
		expect((await statuses(db())).sort()).toEqual(['accepted', 'approved']);
		expect(r.audit).toEqual({ 'duty_swap.approve': 1 });
	});

	it('two 替班 onto one colleague in two adjacent periods, approved at once: only one', async () => {
		const office = await newUser(db(), { roles: ['office'], name: '办公室主任' });
		const zhang = await newUser(db(), { name: '张三' });
		const wang = await newUser(db(), { name: '王五' });
		const zhao = await newUser(db(), { name: '赵六' });
		const [d1, d2] = [dayFromNow(10), dayFromNow(11)];
		// 24-hour shifts: 张三's on d1 in one period ends as 王五's on d2 in the next begins.
		const period = (date: string, userId: number) =>
			newDutyPeriod(db(), {
				createdBy: office.id,
				dates: [date],
				shifts: [{ ...DAY_AND_NIGHT[0], endTime: '08:30', isOvernight: true }],
				assign: [{ date, shift: 0, role: 'officer', userId }],
				pools: { officer: [zhang.id, wang.id, zhao.id] }
			});
		const first = await period(d1, zhang.id);
		const second = await period(d2, wang.id);
		const a = await first.slot(d1, 0, 'officer');
		const b = await second.slot(d2, 0, 'officer');
		const ids = [
			await proposeSwap(db(), zhang.actor, handover(a, zhao.id)),
			await proposeSwap(db(), wang.actor, handover(b, zhao.id))
		];
		for (const id of ids) await respondToSwap(db(), zhao.actor, id, true);
		const r = await burst((w, i) => decideSwap(w, office.actor, ids[i % 2], true, ''));
		expect(r.ok).toHaveLength(1);
		const holders = [
			(await rosterOf(db(), first.periodId))[a],
			(await rosterOf(db(), second.periodId))[b]
		];
		expect(holders.filter((u) => u === zhao.id)).toHaveLength(1);
		expect(r.messages).toContainEqual(expect.stringContaining('赵六 将在'));
		expect(r.audit).toEqual({ 'duty_swap.approve': 1 });
	});
});
