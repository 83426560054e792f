import { expect, it } from 'vitest';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { listMySwaps, listPendingApprovals } from './swaps.query';
import { decideSwap, respondToSwap, withdrawSwap, proposeSwap } from './swaps.service';
import {
	handover,
	loadOf,
	notificationsOf,
	rosterOf,
	swap,
	swapRows,
	swapScene
} from './swaps.test-helpers';

// Refusals (leave, clashes, the colleague, the roster's state) are in swaps.checks.test.ts.
describeEachDialect('duty swaps', ({ db }) => {
	it('hands a shift over: propose, accept, approve; the ledger moves with it', async () => {
		const s = await swapScene(db());
		const before = await rosterOf(db(), s.period.periodId);
		const weight = await loadOf(db(), s.period.periodId, s.zhang.id);
		const liLoad = await loadOf(db(), s.period.periodId, s.li.id);

		const id = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		expect(await notificationsOf(db(), s.li.id)).toEqual([
			{ kind: 'duty_swap', title: expect.stringContaining('张三 请您替班'), link: '/duty/swaps' }
		]);
		expect(await rosterOf(db(), s.period.periodId)).toEqual(before);

		await respondToSwap(db(), s.li.actor, id, true);
		expect(await rosterOf(db(), s.period.periodId)).toEqual(before);
		const officeNotes = await notificationsOf(db(), s.office.id);
		expect(officeNotes.map((n) => n.title)).toEqual([expect.stringContaining('替班待审批')]);
		const pending = await listPendingApprovals(db(), s.office.actor);
		expect(pending.awaiting.map((v) => [v.id, v.requesterName, v.counterpartName])).toEqual([
			[id, '张三', '李四']
		]);

		await decideSwap(db(), s.office.actor, id, true, '');
		const after = await rosterOf(db(), s.period.periodId);
		expect(after).toEqual({ ...before, [s.slots.a]: s.li.id });
		expect(await loadOf(db(), s.period.periodId, s.zhang.id)).toBe(0);
		expect(await loadOf(db(), s.period.periodId, s.li.id)).toBe(liLoad + weight);

		// The general office (everyone in the office but the approver) hears of it, as do both.
		for (const who of [s.office2, s.zhang, s.li]) {
			const titles = (await notificationsOf(db(), who.id)).map((n) => n.title);
			expect(titles).toContainEqual(expect.stringContaining('替班已批准：张三 → 李四'));
		}
		expect((await swapRows(db()))[0]).toMatchObject({
			status: 'approved',
			decided_by: s.office.id
		});
		const audit = await auditRows(db());
		expect(audit.map((r) => r.action)).toEqual([
			'duty_swap.propose',
			'duty_swap.accept',
			'duty_swap.approve'
		]);
		expect(audit[2].changes.slots).toEqual([
			expect.objectContaining({ assignmentId: s.slots.a, before: '张三', after: '李四' })
		]);
	});

	it('swaps two slots both ways on approval', async () => {
		const s = await swapScene(db());
		const before = await rosterOf(db(), s.period.periodId);
		const id = await proposeSwap(db(), s.zhang.actor, swap(s.slots.a, s.li.id, s.slots.c));
		await respondToSwap(db(), s.li.actor, id, true);
		expect(await rosterOf(db(), s.period.periodId)).toEqual(before);
		await decideSwap(db(), s.office.actor, id, true, '同意');
		expect(await rosterOf(db(), s.period.periodId)).toEqual({
			...before,
			[s.slots.a]: s.li.id,
			[s.slots.c]: s.zhang.id
		});
		const mine = await listMySwaps(db(), s.zhang.actor);
		expect(mine.outgoing.map((v) => [v.status, v.slot.date, v.counterpartSlot?.date])).toEqual([
			['approved', s.d1, s.d3]
		]);
		expect(mine.shifts.map((x) => x.assignmentId)).toEqual([s.slots.c]);
	});

	it('leaves the roster as it was when declined, rejected or withdrawn', async () => {
		const s = await swapScene(db());
		const before = await rosterOf(db(), s.period.periodId);
		const declined = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		await respondToSwap(db(), s.li.actor, declined, false);
		const rejected = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		await respondToSwap(db(), s.li.actor, rejected, true);
		await expect(decideSwap(db(), s.office.actor, rejected, false, ' ')).rejects.toMatchObject({
			fields: { note: '驳回须填写理由' }
		});
		await decideSwap(db(), s.office.actor, rejected, false, '节日期间人手紧张');
		const withdrawn = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.zhao.id));
		await respondToSwap(db(), s.zhao.actor, withdrawn, true);
		await withdrawSwap(db(), s.zhang.actor, withdrawn);

		expect(await rosterOf(db(), s.period.periodId)).toEqual(before);
		expect((await swapRows(db())).map((r) => r.status)).toEqual([
			'declined',
			'rejected',
			'withdrawn'
		]);
		const titles = (await notificationsOf(db(), s.zhang.id)).map((n) => n.title);
		expect(titles).toContainEqual(expect.stringContaining('李四 拒绝了您的替班申请'));
		expect(titles).toContainEqual(expect.stringContaining('驳回理由：节日期间人手紧张'));
		// A closed request cannot be acted on again.
		await expect(respondToSwap(db(), s.li.actor, declined, true)).rejects.toThrow('已处理');
		await expect(withdrawSwap(db(), s.zhang.actor, rejected)).rejects.toThrow('已处理');
	});

	it('refuses an office person approving a swap they are part of', async () => {
		const s = await swapScene(db(), { zhangRoles: ['staff', 'office'] });
		const id = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		await respondToSwap(db(), s.li.actor, id, true);
		// Asked to approve: the office, but not the office person who made the request.
		const asked = async (u: { id: number }) =>
			(await notificationsOf(db(), u.id)).some((n) => n.title.includes('待审批'));
		expect([await asked(s.office), await asked(s.office2), await asked(s.zhang)]).toEqual([
			true,
			true,
			false
		]);
		const before = await rosterOf(db(), s.period.periodId);
		const audits = await auditCount(db());
		await expect(decideSwap(db(), s.zhang.actor, id, true, '')).rejects.toMatchObject({
			fields: { _: '不能审批自己参与的调班' }
		});
		expect(await rosterOf(db(), s.period.periodId)).toEqual(before);
		expect(await auditCount(db())).toBe(audits);
		expect((await swapRows(db()))[0].status).toBe('accepted');
	});

	it('lets only the right people accept, withdraw and decide', async () => {
		const s = await swapScene(db());
		const id = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		const outsider = await newUser(db(), { name: '郑十' });
		// Someone not party to it does not even see it; a party in the wrong role is refused.
		await expect(respondToSwap(db(), outsider.actor, id, true)).rejects.toThrow('not found');
		await expect(respondToSwap(db(), s.zhang.actor, id, true)).rejects.toThrow('forbidden');
		await expect(respondToSwap(db(), s.office.actor, id, true)).rejects.toThrow('forbidden');
		await expect(withdrawSwap(db(), outsider.actor, id)).rejects.toThrow('not found');
		await expect(withdrawSwap(db(), s.li.actor, id)).rejects.toThrow('forbidden');
		await respondToSwap(db(), s.li.actor, id, true);
		await expect(decideSwap(db(), s.li.actor, id, true, '')).rejects.toThrow('forbidden');
		await expect(decideSwap(db(), outsider.actor, id, true, '')).rejects.toThrow('not found');
		await expect(listPendingApprovals(db(), s.li.actor)).rejects.toThrow('forbidden');
		// Only the holder of a slot offers it.
		await expect(proposeSwap(db(), s.wang.actor, handover(s.slots.b, s.zhang.id))).rejects.toThrow(
			'forbidden'
		);
		expect((await swapRows(db())).map((r) => r.status)).toEqual(['accepted']);
		expect((await auditRows(db())).map((r) => r.action)).toEqual([
			'duty_swap.propose',
			'duty_swap.accept'
		]);
	});

	it('lists requests for each side and for the office', async () => {
		const s = await swapScene(db());
		const first = await proposeSwap(db(), s.zhang.actor, handover(s.slots.a, s.li.id));
		const second = await proposeSwap(db(), s.wang.actor, swap(s.slots.n, s.li.id, s.slots.b));
		await respondToSwap(db(), s.li.actor, first, true);
		const li = await listMySwaps(db(), s.li.actor);
		expect(li.incoming.map((v) => [v.id, v.status, v.requesterName])).toEqual([
			[second, 'proposed', '王五'],
			[first, 'accepted', '张三']
		]);
		expect(li.outgoing).toEqual([]);
		expect(li.shifts.map((x) => [x.assignmentId, x.hasOpenSwap])).toEqual([
			[s.slots.b, true],
			[s.slots.c, false]
		]);
		const zhang = await listMySwaps(db(), s.zhang.actor);
		expect(zhang.outgoing[0]).toMatchObject({
			kind: 'handover',
			slot: { date: s.d1, shiftName: '白班', role: 'officer' },
			counterpartSlot: null
		});
		const office = await listPendingApprovals(db(), s.office.actor);
		expect(office.awaiting.map((v) => v.id)).toEqual([first]);
		expect(office.waitingForColleague.map((v) => v.id)).toEqual([second]);
	});
});
