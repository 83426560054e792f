import { expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../errors';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { addParticipant, newMeeting } from '../testing/meeting-fixtures';
import {
	checkInWithCode,
	getCheckinLanding,
	getOrCreateCheckinCode,
	manualCheckIn,
	meetingAttendance
} from './checkin.service';
import { START, END, at, world, snapshot, checkedIn, refusal } from './checkin.test-helpers';

describeEachDialect('check-in', ({ db }) => {
	it('makes one url-safe 32-character code per meeting, audited once', async () => {
		const w = await world(db());
		expect(w.code).toMatch(/^[A-Za-z0-9_-]{32}$/);
		expect(await getOrCreateCheckinCode(db(), w.clerk.actor, w.meeting)).toBe(w.code);
		// The host may show the code too.
		expect(await getOrCreateCheckinCode(db(), w.director.actor, w.meeting)).toBe(w.code);
		const audits = await auditRows(db(), 'meeting.checkin_code');
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({ actorId: w.clerk.id, entityId: String(w.meeting) });
	});

	it('refuses the code to people who do not organise the meeting', async () => {
		const w = await world(db());
		const before = await snapshot(db());
		await expect(getOrCreateCheckinCode(db(), w.alice.actor, w.meeting)).rejects.toBeInstanceOf(
			ForbiddenError
		);
		await expect(getOrCreateCheckinCode(db(), w.outsider.actor, w.meeting)).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(getOrCreateCheckinCode(db(), w.clerk.actor, 99999)).rejects.toBeInstanceOf(
			NotFoundError
		);
		expect(await snapshot(db())).toEqual(before);
	});

	it('checks a person in on time, audited, and a second scan says already', async () => {
		const w = await world(db());
		const first = await checkInWithCode(db(), w.alice.actor, w.code, at(-5));
		expect(first).toEqual({
			meetingTitle: '局务会议',
			status: 'checked_in',
			late: false,
			asDeputyFor: undefined
		});
		expect(await checkedIn(db(), w.meeting, w.alice.id)).toEqual({
			checked_in_at: at(-5).toISOString(),
			checked_in_by: w.alice.id
		});
		const audits = await auditRows(db(), 'meeting.checkin');
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			actorId: w.alice.id,
			entity: 'meeting',
			entityId: String(w.meeting),
			changes: { userIds: [w.alice.id], late: false, asDeputy: false }
		});

		const before = await snapshot(db());
		// Even after the meeting has ended, a repeat scan just confirms.
		for (const now of [at(30), at(200)]) {
			expect(await checkInWithCode(db(), w.alice.actor, w.code, now)).toMatchObject({
				status: 'already',
				late: false
			});
		}
		expect(await snapshot(db())).toEqual(before);
	});

	it('counts a check-in after start + 10 minutes as late, at exactly 10 as on time', async () => {
		const w = await world(db());
		expect(await checkInWithCode(db(), w.alice.actor, w.code, at(10))).toMatchObject({
			late: false
		});
		expect(await checkInWithCode(db(), w.bob.actor, w.code, at(11))).toMatchObject({
			status: 'checked_in',
			late: true
		});
		const a = await meetingAttendance(db(), w.clerk.actor, w.meeting);
		expect(a.total).toEqual({ expected: 2, present: 2, excused: 0, deputy: 0, absent: 0, late: 1 });
	});

	it('lets the deputy check in for the principal; the bulletin shows 1 代会, present', async () => {
		const w = await world(db());
		await addParticipant(db(), w.meeting, w.director.id, {
			reply: 'deputy',
			deputyId: w.deputy.id
		});
		const r = await checkInWithCode(db(), w.deputy.actor, w.code, at(-1));
		expect(r).toEqual({
			meetingTitle: '局务会议',
			status: 'checked_in',
			late: false,
			asDeputyFor: '局长王'
		});
		expect(await checkedIn(db(), w.meeting, w.director.id)).toEqual({
			checked_in_at: at(-1).toISOString(),
			checked_in_by: w.deputy.id
		});

		const a = await meetingAttendance(db(), w.director.actor, w.meeting);
		expect(a.total).toEqual({ expected: 3, present: 1, excused: 0, deputy: 1, absent: 2, late: 0 });
		const officeDept = a.departments[0];
		expect(officeDept.name).toBe('办公室');
		expect(officeDept.tally).toEqual({
			expected: 1,
			present: 1,
			excused: 0,
			deputy: 1,
			absent: 0,
			late: 0
		});
		expect(officeDept.people.find((p) => p.userId === w.director.id)).toMatchObject({
			deputyName: '赵六',
			replyLabel: '赵六 代会',
			checkedInByName: '赵六',
			late: false
		});
	});

	it('refuses the principal who sent a deputy, writing nothing', async () => {
		const w = await world(db());
		await addParticipant(db(), w.meeting, w.director.id, {
			reply: 'deputy',
			deputyId: w.deputy.id
		});
		const before = await snapshot(db());
		const msg = await refusal(checkInWithCode(db(), w.director.actor, w.code, at(0)));
		expect(msg).toBe('您已委托 赵六 代会，请由 赵六 扫码签到');
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses unknown codes and people not on the list, writing nothing', async () => {
		const w = await world(db());
		const before = await snapshot(db());
		for (const code of ['', 'nope', 'x'.repeat(32), '../../etc', w.code + 'a']) {
			expect(await refusal(checkInWithCode(db(), w.alice.actor, code, at(0)))).toBe(
				'签到码无效，请扫描会场的二维码'
			);
		}
		expect(await refusal(checkInWithCode(db(), w.outsider.actor, w.code, at(0)))).toBe(
			'您不在本次会议的参会名单中，请联系会务人员'
		);
		expect(await snapshot(db())).toEqual(before);
	});

	it('treats another meeting’s code as that meeting: not on its list, not checked in to A', async () => {
		const w = await world(db());
		const other = await newMeeting(db(), { createdBy: w.clerk.id, startsAt: START, endsAt: END });
		await addParticipant(db(), other, w.outsider.id);
		const otherCode = await getOrCreateCheckinCode(db(), w.clerk.actor, other);
		const before = await snapshot(db());
		expect(await refusal(checkInWithCode(db(), w.alice.actor, otherCode, at(0)))).toBe(
			'您不在本次会议的参会名单中，请联系会务人员'
		);
		expect(await checkedIn(db(), w.meeting, w.alice.id)).toEqual({
			checked_in_at: null,
			checked_in_by: null
		});
		expect(await snapshot(db())).toEqual(before);
	});

	it('refuses before the window (saying when it opens) and after the meeting ends', async () => {
		const w = await world(db());
		const before = await snapshot(db());
		expect(await refusal(checkInWithCode(db(), w.alice.actor, w.code, at(-61)))).toBe(
			'签到尚未开始，08:00 开始'
		);
		expect(await refusal(checkInWithCode(db(), w.alice.actor, w.code, at(-24 * 60)))).toBe(
			'签到尚未开始，6月1日 08:00 开始'
		);
		expect(await refusal(checkInWithCode(db(), w.alice.actor, w.code, at(90)))).toBe('签到已结束');
		expect(await snapshot(db())).toEqual(before);
		expect(await checkInWithCode(db(), w.alice.actor, w.code, at(-60))).toMatchObject({
			status: 'checked_in'
		});
		expect(await checkInWithCode(db(), w.bob.actor, w.code, at(89))).toMatchObject({
			status: 'checked_in',
			late: true
		});
	});

	it('refuses a cancelled meeting, writing nothing', async () => {
		const w = await world(db());
		await db()
			.updateTable('meetings')
			.set({ status: 'cancelled', cancelled_at: at(-120).toISOString() })
			.where('id', '=', w.meeting)
			.execute();
		const before = await snapshot(db());
		expect(await refusal(checkInWithCode(db(), w.alice.actor, w.code, at(0)))).toBe(
			'会议已取消，无需签到'
		);
		await expect(
			manualCheckIn(db(), w.clerk.actor, w.meeting, w.alice.id, false, at(0))
		).rejects.toMatchObject({ fields: { _: '会议已取消，无需签到' } });
		expect(await snapshot(db())).toEqual(before);
	});

	it('shows only 涉密会议 for a classified meeting', async () => {
		const w = await world(db());
		await db()
			.updateTable('meetings')
			.set({ classification: 'secret' })
			.where('id', '=', w.meeting)
			.execute();
		const landing = await getCheckinLanding(db(), w.alice.actor, w.code, at(0));
		expect(landing.meeting.title).toBe('涉密会议');
		const r = await checkInWithCode(db(), w.alice.actor, w.code, at(0));
		expect(r.meetingTitle).toBe('涉密会议');
	});

	it('previews the landing page without writing anything', async () => {
		const w = await world(db());
		const before = await snapshot(db());
		expect(await getCheckinLanding(db(), w.alice.actor, w.code, at(-5))).toMatchObject({
			meeting: { title: '局务会议', startsAt: START, endsAt: END },
			problem: null,
			checkedIn: null
		});
		expect(await getCheckinLanding(db(), w.outsider.actor, w.code, at(-5))).toMatchObject({
			problem: '您不在本次会议的参会名单中，请联系会务人员'
		});
		expect(await snapshot(db())).toEqual(before);
		await checkInWithCode(db(), w.alice.actor, w.code, at(12));
		expect(await getCheckinLanding(db(), w.alice.actor, w.code, at(20))).toMatchObject({
			problem: null,
			checkedIn: { at: at(12).toISOString(), late: true }
		});
	});
});
