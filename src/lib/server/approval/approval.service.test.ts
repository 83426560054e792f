import { beforeEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import type { DB } from '../db';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import {
	approvalInbox,
	approvalTrail,
	approvalsDecidedBy,
	canDecideNow,
	cancelApproval,
	countApprovalInbox,
	decideApproval,
	findApproval,
	isApproverOf,
	startApproval,
	withdrawApproval
} from './approval.service';
import {
	approvalWorld,
	inTrx,
	MONDAY,
	refusal,
	setLeaderOf,
	TODAY,
	type ApprovalWorld
} from './approval.test-helpers';
import { setDelegation } from './delegations.service';

let subject = 1000;

describeEachDialect('approval engine', ({ db }) => {
	let w: ApprovalWorld;
	beforeEach(async () => {
		setClock(MONDAY);
		w = await approvalWorld(db());
	});

	const start = (applicantId: number, days: number, type = 'annual') =>
		inTrx(db(), (trx) =>
			startApproval(trx, {
				kind: 'leave',
				subjectId: ++subject,
				applicantId,
				days,
				type,
				at: MONDAY
			})
		).then((r) => ({ ...r, subjectId: subject }));

	const chainOf = async (applicantId: number, days: number) =>
		(await start(applicantId, days)).steps.map((s) => [s.approverKind, s.approverId]);

	const decide = (
		d: DB,
		actor: ApprovalWorld['staff'],
		subjectId: number,
		decision: 'approve' | 'send_back' = 'approve',
		comment = '',
		at = MONDAY
	) =>
		inTrx(d, (trx) =>
			decideApproval(trx, actor.actor, 'leave', subjectId, { decision, comment }, at)
		);

	it('chooses a staff member’s chain by days', async () => {
		const H = ['dept_head', w.head.id];
		const L = ['responsible_leader', w.leader.id];
		const P = ['principal_leader', w.principal.id];
		expect(await chainOf(w.staff.id, 0.5)).toEqual([H]);
		expect(await chainOf(w.staff.id, 1)).toEqual([H]);
		expect(await chainOf(w.staff.id, 2)).toEqual([H, L]);
		expect(await chainOf(w.staff.id, 3)).toEqual([H, L]);
		expect(await chainOf(w.staff.id, 5)).toEqual([H, L, P]);
	});

	it('a department head’s 2 days go to the responsible leader only; a leader’s to the principal', async () => {
		expect(await chainOf(w.head.id, 2)).toEqual([['responsible_leader', w.leader.id]]);
		expect(await chainOf(w.head.id, 5)).toEqual([
			['responsible_leader', w.leader.id],
			['principal_leader', w.principal.id]
		]);
		expect(await chainOf(w.leader.id, 1)).toEqual([['principal_leader', w.principal.id]]);
		expect(await chainOf(w.leader.id, 10)).toEqual([['principal_leader', w.principal.id]]);
	});

	it('the first step is pending and the rest waiting', async () => {
		const { subjectId } = await start(w.staff.id, 5);
		const trail = await approvalTrail(db(), 'leave', subjectId);
		expect(trail.map((s) => [s.status, s.approverName])).toEqual([
			['pending', '孙科长'],
			['waiting', '钱局长'],
			['waiting', '王局长']
		]);
		expect(await findApproval(db(), 'leave', subjectId)).toMatchObject({
			status: 'pending',
			position: 0,
			stepCount: 3
		});
	});

	it('the principal leader’s own leave goes to their stand-in, or is refused without one', async () => {
		expect(await refusal(start(w.principal.id, 2))).toEqual({
			name: 'ValidationError',
			fields: { _: '主要领导请假须先指定代理审批人（请假 → 代理审批人）' }
		});
		await setDelegation(
			db(),
			w.principal.actor,
			{ delegateId: w.leader.id, startDate: TODAY, endDate: '2026-12-20' },
			{ at: MONDAY }
		);
		expect(await chainOf(w.principal.id, 2)).toEqual([['principal_leader', w.leader.id]]);
	});

	it('a department without head, 分管领导 or principal says what the office must set', async () => {
		await setLeaderOf(db(), w.deptId, null);
		expect((await refusal(start(w.staff.id, 2))).fields?._).toContain('本科室未设分管领导');
		const lonely = await newUser(db(), { name: '赵六', departmentId: w.otherDeptId });
		await db().deleteFrom('user_roles').where('user_id', '=', w.otherHead.id).execute();
		expect((await refusal(start(lonely.id, 1))).fields?._).toContain('本科室未设负责人');
		const nowhere = await newUser(db(), { name: '钱七', departmentId: null });
		expect((await refusal(start(nowhere.id, 1))).fields?._).toContain('尚未归属任何科室');
		await db().deleteFrom('settings').where('key', '=', 'org_principal_leader_id').execute();
		expect((await refusal(start(w.leader.id, 1))).fields?._).toContain('未指定主要领导');
		// Nothing was saved by the refusals.
		expect(await db().selectFrom('approval_requests').selectAll().execute()).toEqual([]);
	});

	it('steps are decided in order; the last approval approves the request', async () => {
		const { subjectId } = await start(w.staff.id, 3);
		// The leader's turn has not come.
		expect((await refusal(decide(db(), w.leader, subjectId))).name).toBe('ForbiddenError');
		const first = await decide(db(), w.head, subjectId, 'approve', '同意');
		expect(first).toMatchObject({ outcome: 'next', nextApproverId: w.leader.id, onBehalfOf: null });
		expect(await canDecideNow(db(), w.leader.id, 'leave', subjectId, TODAY)).toBe(true);
		const second = await decide(db(), w.leader, subjectId);
		expect(second.outcome).toBe('approved');
		expect(await findApproval(db(), 'leave', subjectId)).toMatchObject({
			status: 'approved',
			position: 2
		});
		const trail = await approvalTrail(db(), 'leave', subjectId);
		expect(trail.map((s) => [s.status, s.decidedByName, s.comment])).toEqual([
			['approved', '孙科长', '同意'],
			['approved', '钱局长', '']
		]);
	});

	it('another department head, the applicant or a stranger cannot decide', async () => {
		const { subjectId } = await start(w.staff.id, 1);
		for (const who of [w.otherHead, w.staff, w.office, w.principal])
			expect((await refusal(decide(db(), who, subjectId))).name).toBe('ForbiddenError');
		expect(await canDecideNow(db(), w.otherHead.id, 'leave', subjectId, TODAY)).toBe(false);
		expect(await isApproverOf(db(), w.otherHead.id, 'leave', subjectId, TODAY)).toBe(false);
		expect(await isApproverOf(db(), w.head.id, 'leave', subjectId, TODAY)).toBe(true);
		expect((await findApproval(db(), 'leave', subjectId))?.status).toBe('pending');
	});

	it('sending back needs a comment; later steps stay unreached', async () => {
		const { subjectId } = await start(w.staff.id, 3);
		expect(await refusal(decide(db(), w.head, subjectId, 'send_back', '  '))).toEqual({
			name: 'ValidationError',
			fields: { comment: '退回时请填写退回理由' }
		});
		const r = await decide(db(), w.head, subjectId, 'send_back', '请补充工作交接安排');
		expect(r.outcome).toBe('sent_back');
		expect((await findApproval(db(), 'leave', subjectId))?.status).toBe('sent_back');
		expect((await approvalTrail(db(), 'leave', subjectId)).map((s) => s.status)).toEqual([
			'sent_back',
			'waiting'
		]);
		expect(await refusal(decide(db(), w.head, subjectId))).toEqual({
			name: 'ValidationError',
			fields: { _: '该审批已处理，请刷新页面查看最新状态' }
		});
	});

	it('a stand-in decides within the delegation’s dates, not outside them', async () => {
		await setDelegation(
			db(),
			w.head.actor,
			{ delegateId: w.office.id, startDate: '2026-12-08', endDate: '2026-12-10', reason: '出差' },
			{ at: MONDAY }
		);
		const { subjectId } = await start(w.staff.id, 1);
		// Monday is before the delegation.
		expect((await refusal(decide(db(), w.office, subjectId))).name).toBe('ForbiddenError');
		expect(await approvalInbox(db(), w.office.actor, TODAY)).toEqual([]);
		const tuesday = '2026-12-08T02:00:00Z';
		const inbox = await approvalInbox(db(), w.office.actor, '2026-12-08');
		expect(inbox.map((r) => [r.subjectId, r.onBehalfOfName])).toEqual([[subjectId, '孙科长']]);
		const r = await decide(db(), w.office, subjectId, 'approve', '', tuesday);
		expect(r).toMatchObject({ outcome: 'approved', onBehalfOf: w.head.id });
		const [step] = await approvalTrail(db(), 'leave', subjectId);
		expect(step).toMatchObject({
			approverName: '孙科长',
			decidedById: w.office.id,
			decidedByName: '郑主任'
		});
		// After the window the stand-in decides nothing more.
		const later = await start(w.staff.id, 1);
		expect(
			(
				await refusal(
					decide(db(), w.office, later.subjectId, 'approve', '', '2026-12-11T02:00:00Z')
				)
			).name
		).toBe('ForbiddenError');
	});

	it('only the applicant withdraws, and only before the first decision', async () => {
		const { subjectId } = await start(w.staff.id, 3);
		const withdraw = (who: ApprovalWorld['staff'], id = subjectId) =>
			inTrx(db(), (trx) => withdrawApproval(trx, who.actor, 'leave', id, MONDAY));
		expect((await refusal(withdraw(w.head))).name).toBe('ForbiddenError');
		await withdraw(w.staff);
		expect((await findApproval(db(), 'leave', subjectId))?.status).toBe('withdrawn');
		expect((await approvalTrail(db(), 'leave', subjectId)).map((s) => s.status)).toEqual([
			'withdrawn',
			'withdrawn'
		]);
		expect(await countApprovalInbox(db(), w.head.actor, TODAY)).toBe(0);

		const other = await start(w.staff.id, 3);
		await decide(db(), w.head, other.subjectId);
		expect(await refusal(withdraw(w.staff, other.subjectId))).toEqual({
			name: 'ValidationError',
			fields: { _: '审批人已处理，不能再撤回' }
		});
	});

	it('cancelling an approved request closes it', async () => {
		const { subjectId } = await start(w.staff.id, 1);
		await decide(db(), w.head, subjectId);
		await inTrx(db(), (trx) => cancelApproval(trx, 'leave', subjectId, MONDAY));
		expect((await findApproval(db(), 'leave', subjectId))?.status).toBe('cancelled');
	});

	it('the inbox lists pending steps for me with their position, oldest first', async () => {
		const a = await start(w.staff.id, 1);
		const b = await start(w.staff.id, 3);
		const c = await start(w.head.id, 2); // to the leader
		const inbox = await approvalInbox(db(), w.head.actor, TODAY);
		expect(
			inbox.map((r) => [r.subjectId, r.applicantName, r.departmentName, r.position, r.stepCount])
		).toEqual([
			[a.subjectId, '李明', '综合科', 0, 1],
			[b.subjectId, '李明', '综合科', 0, 2]
		]);
		expect(await countApprovalInbox(db(), w.head.actor, TODAY)).toBe(2);
		await decide(db(), w.head, b.subjectId);
		const leaderInbox = await approvalInbox(db(), w.leader.actor, TODAY);
		expect(leaderInbox.map((r) => [r.subjectId, r.position])).toEqual([
			[b.subjectId, 1],
			[c.subjectId, 0]
		]);
		expect(await countApprovalInbox(db(), w.head.actor, TODAY)).toBe(1);
		expect(await countApprovalInbox(db(), w.otherHead.actor, TODAY)).toBe(0);
		const decided = await approvalsDecidedBy(db(), w.head.actor, '2026-09-01T00:00:00Z');
		expect(decided.map((r) => [r.subjectId, r.status])).toEqual([[b.subjectId, 'approved']]);
	});
});
