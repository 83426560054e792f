import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { ApprovalWorld } from '../approval/approval.test-helpers';
import { approvalTrail } from '../approval/approval.service';
import { describeEachDialect } from '../testing/each-dialect';
import { leaveBalances } from './balance.service';
import { leaveDetailPage, leaveInboxSummaries } from './requests.query';
import { findLeaveById, listExtensionsOf } from './requests.repository';
import {
	cancelLeave,
	decideLeave,
	reportReturn,
	submitLeave,
	withdrawLeave
} from './requests.service';
import {
	acrossNationalDay,
	at,
	auditActions,
	leaveWorld,
	noticeKinds,
	refusal,
	SEPT_1,
	threeDays
} from './requests.test-helpers';

const proof = [{ name: '诊断证明.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4') }];

describeEachDialect('请假 requests', ({ db }) => {
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(SEPT_1);
		w = await leaveWorld(db());
	});

	const annual = async () =>
		(await leaveBalances(db(), w.staff.id, 2026)).find((b) => b.type === 'annual')!;

	it('counts the days across 国庆 with 调休, and half days; the head is told', async () => {
		const id = await submitLeave(db(), w.staff.actor, acrossNationalDay(), at(SEPT_1));
		const l = (await findLeaveById(db(), id))!;
		// 30 Sep, 8 and 9 Oct: 1–7 October are holidays, 4–5 October a weekend inside them.
		expect(l).toMatchObject({ halfDays: 6, year: 2026, status: 'pending', departmentId: w.deptId });
		expect((await approvalTrail(db(), 'leave', id)).map((s) => s.approverId)).toEqual([
			w.head.id,
			w.leader.id
		]);
		expect(await noticeKinds(db(), w.head.id)).toEqual(['leave.to_decide']);
		expect(await auditActions(db())).toEqual(['leave.submit']);
		expect((await annual()).pendingHalfDays).toBe(6);
		const s = await leaveInboxSummaries(db(), [id]);
		expect(s.get(id)?.summary).toBe('年休假 9月30日—10月9日 · 3天');

		// 10 October is a 调休 Saturday, a working day: ½ + 2 + 1.
		const half = await submitLeave(
			db(),
			w.head.actor,
			acrossNationalDay({ startHalf: 'pm', endDate: '2026-10-10', endHalf: 'pm' }),
			at(SEPT_1)
		);
		expect((await findLeaveById(db(), half))!.halfDays).toBe(7);
	});

	it('refuses what the rules do not allow, changing nothing', async () => {
		const before = await auditActions(db());
		// Over the balance: 10 days of 年休假, 11 working days asked.
		expect(
			await refusal(
				submitLeave(
					db(),
					w.staff.actor,
					threeDays({ startDate: '2026-09-01', endDate: '2026-09-15' }),
					at(SEPT_1)
				)
			)
		).toMatchObject({
			name: 'ValidationError',
			fields: { _: expect.stringContaining('剩余 10 天') }
		});
		// Only rest days.
		expect(
			await refusal(
				submitLeave(
					db(),
					w.staff.actor,
					threeDays({ startDate: '2026-10-03', endDate: '2026-10-04' }),
					at(SEPT_1)
				)
			)
		).toMatchObject({ fields: { endDate: '所选日期均为休息日，无需请假。' } });
		// End before start; a half day of 婚假; a start in the past.
		expect(
			await refusal(
				submitLeave(db(), w.staff.actor, threeDays({ endDate: '2026-09-08' }), at(SEPT_1))
			)
		).toMatchObject({ fields: { endDate: '结束时间不能早于开始时间。' } });
		expect(
			await refusal(
				submitLeave(db(), w.staff.actor, threeDays({ type: 'marriage', startHalf: 'pm' }), {
					...at(SEPT_1),
					files: proof
				})
			)
		).toMatchObject({ fields: { startHalf: '婚假按整天请假，不能选择半天。' } });
		expect(
			await refusal(
				submitLeave(
					db(),
					w.staff.actor,
					threeDays({ startDate: '2026-08-31', endDate: '2026-08-31' }),
					at(SEPT_1)
				)
			)
		).toMatchObject({ fields: { startDate: expect.stringContaining('不能早于今天') } });
		// 病假 of two days needs a certificate; with it, a sick day last week is fine.
		expect(
			await refusal(
				submitLeave(
					db(),
					w.staff.actor,
					threeDays({ type: 'sick', startDate: '2026-08-27', endDate: '2026-08-28' }),
					at(SEPT_1)
				)
			)
		).toMatchObject({ fields: { files: expect.stringContaining('医院证明') } });
		expect(await auditActions(db())).toEqual(before);
		await submitLeave(
			db(),
			w.staff.actor,
			threeDays({ type: 'sick', startDate: '2026-08-27', endDate: '2026-08-28' }),
			{ ...at(SEPT_1), files: proof }
		);
		// Overlapping one's own pending request, by a half day.
		await submitLeave(db(), w.staff.actor, threeDays(), at(SEPT_1));
		expect(
			await refusal(
				submitLeave(
					db(),
					w.staff.actor,
					threeDays({ type: 'personal', startDate: '2026-09-11', endDate: '2026-09-14' }),
					at(SEPT_1)
				)
			)
		).toMatchObject({ fields: { _: expect.stringContaining('时间重叠') } });
	});

	it('goes staff → head → 分管领导 → approved; others cannot decide or act for the applicant', async () => {
		const id = await submitLeave(
			db(),
			w.staff.actor,
			threeDays({ coverId: w.office.id }),
			at(SEPT_1)
		);
		// The other department's head, the 分管领导 before their turn, the applicant: refused.
		for (const who of [w.otherHead, w.leader, w.staff])
			expect(
				(await refusal(decideLeave(db(), who.actor, id, { decision: 'approve', comment: '' }))).name
			).toMatch(/ForbiddenError|ValidationError|NotFoundError/);
		// The head sees the request but it is not theirs; the other head does not see it at all.
		for (const [who, name] of [
			[w.head, 'ForbiddenError'],
			[w.otherHead, 'NotFoundError']
		] as const) {
			expect((await refusal(withdrawLeave(db(), who.actor, id))).name).toBe(name);
			expect((await refusal(cancelLeave(db(), who.actor, id))).name).toBe(name);
			expect(
				(
					await refusal(
						reportReturn(db(), who.actor, id, { returnDate: '2026-09-11', returnHalf: 'am' })
					)
				).name
			).toBe(name);
		}
		await decideLeave(db(), w.head.actor, id, { decision: 'approve', comment: '同意' }, at(SEPT_1));
		expect((await findLeaveById(db(), id))!.status).toBe('pending');
		expect(await noticeKinds(db(), w.leader.id)).toEqual(['leave.to_decide']);
		// The applicant cannot withdraw once a step is decided.
		expect((await refusal(withdrawLeave(db(), w.staff.actor, id))).name).toBe('ValidationError');
		await decideLeave(db(), w.leader.actor, id, { decision: 'approve', comment: '' }, at(SEPT_1));
		const l = (await findLeaveById(db(), id))!;
		expect(l.status).toBe('approved');
		expect(l.approvedAt).not.toBeNull();
		expect(await noticeKinds(db(), w.staff.id)).toEqual(['leave.approved']);
		expect(await noticeKinds(db(), w.office.id)).toEqual(['leave.cover']);
		expect(await auditActions(db())).toEqual(['leave.submit', 'leave.approve', 'leave.approve']);
		expect(await annual()).toMatchObject({
			takenHalfDays: 6,
			pendingHalfDays: 0,
			leftHalfDays: 14
		});
		const page = await leaveDetailPage(db(), w.staff.actor, id);
		expect(page.can).toEqual({ decide: false, withdraw: false, cancel: true, report: false });
		// Someone of another department, not on the chain, is told nothing exists.
		expect((await refusal(leaveDetailPage(db(), w.otherHead.actor, id))).name).toBe(
			'NotFoundError'
		);
	});

	it('a sent-back request tells the applicant and frees its days', async () => {
		const id = await submitLeave(db(), w.staff.actor, threeDays(), at(SEPT_1));
		expect(
			await refusal(decideLeave(db(), w.head.actor, id, { decision: 'send_back', comment: '' }))
		).toMatchObject({ fields: { comment: expect.any(String) } });
		await decideLeave(db(), w.head.actor, id, { decision: 'send_back', comment: '时间冲突' });
		expect((await findLeaveById(db(), id))!.status).toBe('sent_back');
		expect(await noticeKinds(db(), w.staff.id)).toEqual(['leave.sent_back']);
		expect((await annual()).pendingHalfDays).toBe(0);
	});

	it('withdraws before the first decision', async () => {
		const id = await submitLeave(db(), w.staff.actor, threeDays(), at(SEPT_1));
		await withdrawLeave(db(), w.staff.actor, id, at(SEPT_1));
		expect((await findLeaveById(db(), id))!.status).toBe('withdrawn');
		expect((await refusal(withdrawLeave(db(), w.staff.actor, id))).name).toBe('ValidationError');
		expect(await auditActions(db())).toEqual(['leave.submit', 'leave.withdraw']);
		// The same dates may be asked for again.
		await submitLeave(db(), w.staff.actor, threeDays(), at(SEPT_1));
	});

	const approved = async () => {
		const id = await submitLeave(db(), w.staff.actor, threeDays(), at(SEPT_1));
		await decideLeave(db(), w.head.actor, id, { decision: 'approve', comment: '' });
		await decideLeave(db(), w.leader.actor, id, { decision: 'approve', comment: '' });
		return id;
	};

	it('cancels approved leave before its start, not after', async () => {
		const id = await approved();
		await cancelLeave(db(), w.staff.actor, id, at('2026-09-08T01:00:00Z'));
		expect((await findLeaveById(db(), id))!.status).toBe('cancelled');
		expect((await annual()).takenHalfDays).toBe(0);
		const again = await approved();
		expect(
			await refusal(cancelLeave(db(), w.staff.actor, again, at('2026-09-09T01:00:00Z')))
		).toMatchObject({ fields: { _: expect.stringContaining('假期已经开始') } });
	});

	it('销假 a day early gives the day back', async () => {
		const id = await approved();
		// Before the start there is nothing to report.
		expect(
			(
				await refusal(
					reportReturn(db(), w.staff.actor, id, { returnDate: '2026-09-11', returnHalf: 'am' })
				)
			).name
		).toBe('ValidationError');
		setClock('2026-09-10T01:00:00Z');
		const r = await reportReturn(
			db(),
			w.staff.actor,
			id,
			{ returnDate: '2026-09-11', returnHalf: 'am' },
			at('2026-09-10T01:00:00Z')
		);
		expect(r).toEqual({ earlyDays: 1, lateDays: 0, extensionId: null });
		expect(await findLeaveById(db(), id)).toMatchObject({
			status: 'reported',
			returnedHalfDays: 2,
			returnDate: '2026-09-11'
		});
		expect(await annual()).toMatchObject({
			takenHalfDays: 6,
			returnedHalfDays: 2,
			leftHalfDays: 16
		});
		expect(await auditActions(db())).toContain('leave.report_return');
	});

	it('销假 late asks for the late days through the same chain', async () => {
		const id = await approved();
		setClock('2026-09-15T01:00:00Z');
		// Back on Tuesday 15 September instead of Monday 14: one day late.
		const r = await reportReturn(
			db(),
			w.staff.actor,
			id,
			{ returnDate: '2026-09-15', returnHalf: 'am' },
			at('2026-09-15T01:00:00Z')
		);
		expect(r.lateDays).toBe(1);
		const [ext] = await listExtensionsOf(db(), id);
		expect(ext).toMatchObject({
			id: r.extensionId,
			extendsId: id,
			startDate: '2026-09-12',
			endDate: '2026-09-14',
			halfDays: 2,
			status: 'pending'
		});
		expect((await approvalTrail(db(), 'leave', ext.id)).map((s) => s.approverId)).toEqual([
			w.head.id
		]);
		await decideLeave(db(), w.head.actor, ext.id, { decision: 'approve', comment: '' });
		expect((await findLeaveById(db(), ext.id))!.status).toBe('approved');
		expect((await leaveInboxSummaries(db(), [ext.id])).get(ext.id)?.summary).toContain(
			`续假（原申请 #${id}）`
		);
	});
});
