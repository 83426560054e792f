import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { ApprovalWorld } from '../approval/approval.test-helpers';
import { approvalTrail } from '../approval/approval.service';
import { describeEachDialect } from '../testing/each-dialect';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { leaveBalances } from './balance.service';
import { decideLeave, submitLeave } from './requests.service';
import {
	acrossNationalDay,
	at,
	auditActions,
	leaveWorld,
	noticeKinds,
	SEPT_1,
	threeDays
} from './requests.test-helpers';

describeEachDialect('请假 requests, parallel', (ctx) => {
	const wide = wideDbPerTest(ctx, 8);
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(SEPT_1);
		w = await leaveWorld(ctx.db());
	});

	it('8 submits of two annual requests over the balance: only what fits is saved', async () => {
		// 1–8 September: 6 days; 14–21 September: 7 days (20 September is a 调休 Sunday).
		const a = acrossNationalDay({ startDate: '2026-09-01', endDate: '2026-09-08' });
		const b = acrossNationalDay({ startDate: '2026-09-14', endDate: '2026-09-21' });
		const r = await inParallel(8, (i) =>
			submitLeave(wide(), w.staff.actor, i % 2 ? a : b, at(SEPT_1))
		);
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		const annual = (await leaveBalances(ctx.db(), w.staff.id, 2026)).find(
			(x) => x.type === 'annual'
		)!;
		expect([12, 14]).toContain(annual.pendingHalfDays);
		expect(await auditActions(ctx.db())).toEqual(['leave.submit']);
		expect(await noticeKinds(ctx.db(), w.head.id)).toEqual(['leave.to_decide']);
	});

	it('8 approvals of the same step at once take it once', async () => {
		const id = await submitLeave(ctx.db(), w.staff.actor, threeDays(), at(SEPT_1));
		const r = await inParallel(8, () =>
			decideLeave(wide(), w.head.actor, id, { decision: 'approve', comment: '' }, at(SEPT_1))
		);
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		expect((await approvalTrail(ctx.db(), 'leave', id)).map((s) => s.status)).toEqual([
			'approved',
			'pending'
		]);
		expect(await auditActions(ctx.db())).toEqual(['leave.submit', 'leave.approve']);
		expect(await noticeKinds(ctx.db(), w.leader.id)).toEqual(['leave.to_decide']);
	});
});
