import { expect, it } from 'vitest';
import type { DB } from '../db';
import { inTransaction } from '../db/transaction';
import { generatePeriodRoster } from '../duty/roster.service';
import { listAssignments } from '../duty/roster.repository';
import { getRoster } from '../duty/roster.query';
import { getMeetingDetail } from '../meetings/meetings.query';
import { describeEachDialect } from '../testing/each-dialect';
import { newDutyPeriod } from '../testing/duty-fixtures';
import { newDepartment, newUser } from '../testing/fixtures';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import { inParallel, wideDbPerTest } from '../testing/parallel';
import {
	approvedLeaveBetween,
	onLeaveApproved,
	onLeaveShortened,
	onLeaveUndone,
	type LinkedLeave
} from './links.service';
import { AT, bj, newLeave } from './links.test-helpers';

/** Who approved, in the audit rows the links write (the leave service passes its actor). */
const BY = { ip: '127.0.0.1' };

// Approved leave reaching duty rosters, meetings and planners (issue 11). Times are fixed: the
// leave is 8–10 December 2026 (Tuesday–Thursday), approved on 1 December.

function approve(db: DB, leave: LinkedLeave, at = AT) {
	return inTransaction(db, (trx) => onLeaveApproved(trx, leave, at, BY));
}

async function unavailability(db: DB, userId: number) {
	return db
		.selectFrom('duty_unavailability')
		.select(['start_date', 'end_date', 'reason', 'source', 'source_id'])
		.where('user_id', '=', userId)
		.execute();
}

async function participant(db: DB, id: number) {
	return db
		.selectFrom('meeting_participants')
		.select(['reply', 'reply_reason', 'leave_request_id', 'replied_at', 'deputy_id'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

async function notices(db: DB, userId: number) {
	return db
		.selectFrom('notifications')
		.select(['kind', 'title', 'body', 'link'])
		.where('user_id', '=', userId)
		.orderBy('id')
		.execute();
}

describeEachDialect('approved leave and duty', ({ db }) => {
	it('keeps the person off the roster: an unavailability row, and generation skips them', async () => {
		const dept = await newDepartment(db(), { name: '办公室' });
		const office = await newUser(db(), { roles: ['office'], departmentId: dept });
		const away = await newUser(db(), { name: '李明', departmentId: dept });
		const others = [];
		for (let i = 0; i < 3; i++) others.push(await newUser(db(), { departmentId: dept }));
		const leaders = [];
		for (let i = 0; i < 2; i++)
			leaders.push(await newUser(db(), { roles: ['leader'], departmentId: dept }));
		const leave = await newLeave(db(), { applicantId: away.id, departmentId: dept });
		await approve(db(), leave);

		expect(await unavailability(db(), away.id)).toEqual([
			{
				start_date: '2026-12-08',
				end_date: '2026-12-10',
				reason: '年休假（请假审批通过）',
				source: 'leave',
				source_id: leave.id
			}
		]);
		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'changes'])
			.where('action', '=', 'duty_unavailability.add')
			.execute();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].changes)).toMatchObject({ via: 'leave', leaveId: leave.id });

		const period = await newDutyPeriod(db(), {
			createdBy: office.id,
			status: 'draft',
			dates: ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'],
			pools: { officer: [away.id, ...others.map((u) => u.id)], leader: leaders.map((u) => u.id) }
		});
		await generatePeriodRoster(db(), office.actor, period.periodId);
		const slots = await listAssignments(db(), period.periodId);
		const mine = slots.filter((s) => s.userId === away.id).map((s) => s.date);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.every((d) => d < '2026-12-08' || d > '2026-12-10')).toBe(true);
	});

	it('tells the office, in the app and by mail, when the person is already on a published roster', async () => {
		const dept = await newDepartment(db(), { name: '办公室' });
		const office = await newUser(db(), { roles: ['office'], departmentId: dept });
		const away = await newUser(db(), { name: '李明', departmentId: dept });
		const staff = await newUser(db(), { departmentId: dept });
		const published = await newDutyPeriod(db(), {
			createdBy: office.id,
			name: '十二月值班',
			dates: ['2026-12-09', '2026-12-12'],
			assign: [
				{ date: '2026-12-09', shift: 0, role: 'officer', userId: away.id },
				{ date: '2026-12-12', shift: 0, role: 'officer', userId: away.id }
			]
		});
		await approve(db(), await newLeave(db(), { applicantId: away.id, departmentId: dept }));

		const told = await notices(db(), office.id);
		expect(told).toEqual([
			{
				kind: 'leavelink.duty',
				title: '值班冲突：李明已获批请假',
				body: '李明 已获批请假（12月8日—12月10日），但已排入《十二月值班》12月9日值班，请调整。',
				link: `/duty/${published.periodId}`
			}
		]);
		expect(await notices(db(), staff.id)).toEqual([]);
		const mail = await db().selectFrom('outbox').select(['to_address', 'subject']).execute();
		expect(mail).toEqual([
			{ to_address: `${office.username}@huiban.test`, subject: '【值班】值班冲突：李明已获批请假' }
		]);
		// The roster page marks the slot inside the leave for the office.
		const roster = await getRoster(db(), office.actor, published.periodId);
		expect(roster.onLeave).toEqual([await published.slot('2026-12-09', 0, 'officer')]);
	});

	it('says nothing to the office about a draft roster', async () => {
		const office = await newUser(db(), { roles: ['office'] });
		const away = await newUser(db());
		await newDutyPeriod(db(), {
			createdBy: office.id,
			status: 'draft',
			dates: ['2026-12-09'],
			assign: [{ date: '2026-12-09', shift: 0, role: 'officer', userId: away.id }]
		});
		await approve(db(), await newLeave(db(), { applicantId: away.id }));
		expect(await notices(db(), office.id)).toEqual([]);
	});
});

describeEachDialect('approved leave and meetings', (ctx) => {
	const { db } = ctx;
	const wide = wideDbPerTest(ctx, 4);
	async function scene() {
		const planner = await newUser(db(), { name: '周文斌', roles: ['office'] });
		const away = await newUser(db(), { name: '李明' });
		const deputy = await newUser(db(), { name: '王芳' });
		const principal = await newUser(db(), { name: '赵强' });
		// In the leave: 9 December 09:00–10:00 Beijing time.
		const inside = await newMeeting(db(), {
			createdBy: planner.id,
			title: '周例会',
			startsAt: bj('2026-12-09', '09:00'),
			endsAt: bj('2026-12-09', '10:00')
		});
		const outside = await newMeeting(db(), {
			createdBy: planner.id,
			title: '月度会',
			startsAt: bj('2026-12-11', '09:00'),
			endsAt: bj('2026-12-11', '10:00')
		});
		const pInside = await addParticipant(db(), inside, away.id, { reply: 'attend' });
		const pOutside = await addParticipant(db(), outside, away.id);
		// The person goes as someone's deputy: that reply is not theirs to change.
		const pPrincipal = await addParticipant(db(), inside, principal.id, {
			reply: 'deputy',
			deputyId: away.id,
			reason: '出差'
		});
		return { planner, away, deputy, inside, outside, pInside, pOutside, pPrincipal };
	}

	it('answers 请假 for meetings in the leave and tells the organiser; others stay', async () => {
		const s = await scene();
		const leave = await newLeave(db(), { applicantId: s.away.id });
		await approve(db(), leave);

		expect(await participant(db(), s.pInside)).toEqual({
			reply: 'excused',
			reply_reason: '年休假 12月8日—12月10日（已批准）',
			leave_request_id: leave.id,
			replied_at: AT,
			deputy_id: null
		});
		expect((await participant(db(), s.pOutside)).reply).toBe('pending');
		expect(await participant(db(), s.pPrincipal)).toMatchObject({
			reply: 'deputy',
			deputy_id: s.away.id,
			leave_request_id: null
		});
		expect(await notices(db(), s.planner.id)).toEqual([
			{
				kind: 'leavelink.excused',
				title: '李明已请假，不能参加“周例会”',
				body: '李明的年休假（12月8日—12月10日）已获批准，会议回执已自动登记为请假。',
				link: `/meetings/${s.inside}`
			}
		]);
		const audit = await db()
			.selectFrom('audit_log')
			.select(['entity_id', 'changes'])
			.where('action', '=', 'meeting.reply')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].entity_id).toBe(String(s.inside));
		expect(JSON.parse(audit[0].changes)).toMatchObject({
			reply: 'excused',
			via: 'leave',
			leaveId: leave.id
		});
	});

	it('leaves a half day alone where the meeting is in the other half', async () => {
		const s = await scene();
		// Off on the 9th in the afternoon only: the 09:00 meeting is at work.
		await approve(
			db(),
			await newLeave(db(), {
				applicantId: s.away.id,
				startDate: '2026-12-09',
				startHalf: 'pm',
				endDate: '2026-12-09',
				endHalf: 'pm'
			})
		);
		expect((await participant(db(), s.pInside)).reply).toBe('attend');
	});

	it('leaves meetings that already began alone, and an explicit 请假', async () => {
		const s = await scene();
		await db()
			.updateTable('meeting_participants')
			.set({ reply: 'excused', reply_reason: '另有公务' })
			.where('id', '=', s.pOutside)
			.execute();
		const leave = await newLeave(db(), {
			applicantId: s.away.id,
			endDate: '2026-12-11'
		});
		// Approved after the meeting of the 9th began.
		await approve(db(), leave, bj('2026-12-09', '09:30'));
		expect((await participant(db(), s.pInside)).reply).toBe('attend');
		expect(await participant(db(), s.pOutside)).toMatchObject({
			reply: 'excused',
			reply_reason: '另有公务',
			leave_request_id: null
		});
	});

	it('undone: back to pending for meetings ahead, the organiser told, the duty entry gone', async () => {
		const s = await scene();
		const leave = await newLeave(db(), { applicantId: s.away.id });
		await approve(db(), leave);
		await inTransaction(db(), (trx) => onLeaveUndone(trx, leave, '2026-12-02T02:00:00.000Z', BY));

		expect(await participant(db(), s.pInside)).toEqual({
			reply: 'pending',
			reply_reason: '',
			leave_request_id: null,
			replied_at: null,
			deputy_id: null
		});
		expect(await unavailability(db(), s.away.id)).toEqual([]);
		const told = await notices(db(), s.planner.id);
		expect(told.map((n) => n.kind)).toEqual(['leavelink.excused', 'leavelink.restored']);
		expect(told[1].title).toBe('李明的请假已撤销，“周例会”回执恢复为未回复');
		// A second call finds nothing left to undo.
		await inTransaction(db(), (trx) => onLeaveUndone(trx, leave, '2026-12-02T02:00:00.000Z', BY));
		expect(await notices(db(), s.planner.id)).toHaveLength(2);
	});

	it('shortened: the duty entry ends on the last day off, meetings after the return reopen', async () => {
		const s = await scene();
		const early = await newMeeting(db(), {
			createdBy: s.planner.id,
			title: '专题会',
			startsAt: bj('2026-12-08', '15:00'),
			endsAt: bj('2026-12-08', '16:00')
		});
		const pEarly = await addParticipant(db(), early, s.away.id);
		const leave = await newLeave(db(), { applicantId: s.away.id });
		await approve(db(), leave);
		expect((await participant(db(), pEarly)).reply).toBe('excused');

		// 销假 on the morning of the 9th: the 8th was the last day off.
		const back = { ...leave, returnDate: '2026-12-09', returnHalf: 'am' as const };
		await inTransaction(db(), (trx) =>
			onLeaveShortened(trx, back, '2026-12-08', bj('2026-12-09', '08:00'), BY)
		);
		expect(await unavailability(db(), s.away.id)).toMatchObject([
			{ start_date: '2026-12-08', end_date: '2026-12-08', source_id: leave.id }
		]);
		expect((await participant(db(), s.pInside)).reply).toBe('pending');
		expect((await participant(db(), pEarly)).reply).toBe('excused');
		const shorten = await db()
			.selectFrom('audit_log')
			.select('changes')
			.where('action', '=', 'duty_unavailability.shorten')
			.execute();
		expect(shorten).toHaveLength(1);
	});

	it('shortened before it began: the duty entry goes', async () => {
		const away = await newUser(db());
		const leave = await newLeave(db(), { applicantId: away.id });
		await approve(db(), leave);
		await inTransaction(db(), (trx) =>
			onLeaveShortened(trx, leave, '2026-12-07', '2026-12-02T02:00:00.000Z', BY)
		);
		expect(await unavailability(db(), away.id)).toEqual([]);
	});

	it('shows the planner a participant on leave among the conflicts, and nobody else', async () => {
		const s = await scene();
		const leave = await newLeave(db(), { applicantId: s.away.id, type: 'sick' });
		// Approved by hand before the meeting existed: the reply stays as it is.
		const detail = await getMeetingDetail(db(), s.planner.actor, s.inside);
		expect(detail.conflicts).toEqual([
			{
				userName: '李明',
				href: `/leave/${leave.id}`,
				title: '请假（病假 12月8日—12月10日）',
				startsAt: bj('2026-12-08', '00:00'),
				endsAt: bj('2026-12-11', '00:00')
			}
		]);
		expect((await getMeetingDetail(db(), s.planner.actor, s.outside)).conflicts).toEqual([]);
		expect((await getMeetingDetail(db(), s.away.actor, s.inside)).conflicts).toEqual([]);
	});

	it('answers each meeting once when two approvals race', async () => {
		const s = await scene();
		const leave = await newLeave(db(), { applicantId: s.away.id });
		const out = await inParallel(4, () => approve(wide(), leave));
		expect(out.errors).toEqual([]);
		const rows = await db()
			.selectFrom('audit_log')
			.select('action')
			.where('action', 'in', ['meeting.reply', 'duty_unavailability.add'])
			.execute();
		expect(rows.map((r) => r.action).sort()).toEqual(['duty_unavailability.add', 'meeting.reply']);
		expect(await notices(db(), s.planner.id)).toHaveLength(1);
		expect(await unavailability(db(), s.away.id)).toHaveLength(1);
	});
});

describeEachDialect('approved leave of an approver', ({ db }) => {
	async function delegations(userId: number) {
		return db()
			.selectFrom('approval_delegations')
			.select(['delegate_id', 'start_date', 'end_date', 'source', 'source_id', 'ended_at'])
			.where('user_id', '=', userId)
			.execute();
	}

	it('names the 工作代理人 as stand-in for the leave, shortened and ended with it', async () => {
		const head = await newUser(db(), { roles: ['dept_head'] });
		const cover = await newUser(db());
		const leave = await newLeave(db(), { applicantId: head.id, coverId: cover.id });
		await approve(db(), leave);
		expect(await delegations(head.id)).toEqual([
			{
				delegate_id: cover.id,
				start_date: '2026-12-08',
				end_date: '2026-12-10',
				source: 'leave',
				source_id: leave.id,
				ended_at: null
			}
		]);
		await inTransaction(db(), (trx) =>
			onLeaveShortened(trx, leave, '2026-12-09', '2026-12-09T02:00:00.000Z', BY)
		);
		expect((await delegations(head.id))[0].end_date).toBe('2026-12-09');
		await inTransaction(db(), (trx) => onLeaveUndone(trx, leave, '2026-12-09T03:00:00.000Z', BY));
		expect((await delegations(head.id))[0].ended_at).not.toBeNull();
	});

	it('names no stand-in for staff, or without a cover', async () => {
		const staff = await newUser(db());
		const cover = await newUser(db());
		await approve(db(), await newLeave(db(), { applicantId: staff.id, coverId: cover.id }));
		const head = await newUser(db(), { roles: ['dept_head'] });
		await approve(db(), await newLeave(db(), { applicantId: head.id }));
		expect(await delegations(staff.id)).toEqual([]);
		expect(await delegations(head.id)).toEqual([]);
	});
});

describeEachDialect('approvedLeaveBetween', ({ db }) => {
	it('gives approved leave only, with an early 销假 taken off', async () => {
		const a = await newUser(db());
		const b = await newUser(db());
		const approved = await newLeave(db(), { applicantId: a.id });
		await newLeave(db(), { applicantId: b.id, status: 'pending' });
		const reported = await newLeave(db(), {
			applicantId: b.id,
			startDate: '2026-12-14',
			endDate: '2026-12-18',
			status: 'reported'
		});
		await db()
			.updateTable('leave_requests')
			.set({ return_date: '2026-12-16', return_half: 'pm' })
			.where('id', '=', reported.id)
			.execute();
		const all = await approvedLeaveBetween(db(), { from: '2026-12-01', to: '2026-12-31' });
		expect(all.map((l) => [l.leaveId, l.startDate, l.endDate, l.endHalf])).toEqual([
			[approved.id, '2026-12-08', '2026-12-10', 'pm'],
			[reported.id, '2026-12-14', '2026-12-16', 'am']
		]);
		expect(await approvedLeaveBetween(db(), { from: '2026-12-11', to: '2026-12-13' })).toEqual([]);
		expect(
			(await approvedLeaveBetween(db(), { userIds: [a.id], from: '2026-12-10', to: '2026-12-20' }))
				.length
		).toBe(1);
	});
});
