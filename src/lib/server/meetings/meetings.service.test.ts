import { dayFromNow } from '../testing/dates';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newDepartment, newUser } from '../testing/fixtures';
import { getMeetingDetail, searchMeetings } from './meetings.query';
import { cancelMeeting, createMeeting, issueNotice, updateMeeting } from './meetings.service';
import { zonedToInstant } from '$lib/domain/zoned-time';
import { outboxRows, planForm } from './meetings.test-helpers';

async function office(db: Parameters<typeof newUser>[0]) {
	return newUser(db, { roles: ['office', 'staff'] });
}

describeEachDialect('meeting plans', ({ db }) => {
	it('drafts a plan with a whole department and people, sending nothing yet', async () => {
		const o = await office(db());
		const dept = await newDepartment(db(), { name: '规划科' });
		const a = await newUser(db(), { departmentId: dept, name: '张伟' });
		await newUser(db(), { departmentId: dept, name: '李娜' });
		const lead = await newUser(db(), { roles: ['leader'], name: '王局长' });
		const id = await createMeeting(db(), o.actor, {
			...(await planForm(db(), { attendeeIds: [lead.id] })),
			attendeeDepartmentIds: [String(dept)],
			hostId: String(lead.id)
		});
		const d = await getMeetingDetail(db(), o.actor, id);
		expect(d.meeting.status).toBe('draft');
		expect(d.meeting.startsAt).toBe(zonedToInstant(dayFromNow(7), '09:30', 'Asia/Shanghai'));
		expect(d.participants.map((p) => p.name).sort()).toEqual(['张伟', '李娜', '王局长'].sort());
		expect(d.agenda).toEqual([{ title: '研究年终工作', presenter: '办公室', minutes: 30 }]);
		expect(await outboxRows(db())).toHaveLength(0);
		// A draft is invisible to participants until the notice is issued.
		await expect(getMeetingDetail(db(), a.actor, id)).rejects.toThrow('not found');
	});

	it('refuses bad input with field errors and writes nothing', async () => {
		const o = await office(db());
		const p = await newUser(db());
		const before = await auditCount(db());
		const base = await planForm(db(), { attendeeIds: [p.id] });
		await expect(createMeeting(db(), o.actor, { ...base, endTime: '09:00' })).rejects.toMatchObject(
			{
				fields: { endTime: '结束时间须晚于开始时间' }
			}
		);
		await expect(createMeeting(db(), o.actor, { ...base, roomId: '9999' })).rejects.toMatchObject({
			fields: { roomId: expect.any(String) }
		});
		await expect(createMeeting(db(), o.actor, { ...base, attendeeIds: [] })).rejects.toMatchObject({
			fields: { attendeeIds: expect.stringContaining('至少') }
		});
		await expect(createMeeting(db(), o.actor, { ...base, title: '' })).rejects.toMatchObject({
			fields: { title: '此项必填' }
		});
		expect(await auditCount(db())).toBe(before);
		expect(await db().selectFrom('meetings').selectAll().execute()).toHaveLength(0);
	});

	it('lets only the office plan meetings', async () => {
		const staff = await newUser(db());
		const form = await planForm(db(), { attendeeIds: [staff.id] });
		await expect(createMeeting(db(), staff.actor, form)).rejects.toThrow('forbidden');
		expect(await auditCount(db())).toBe(0);
	});

	it('issues the notice to everyone and re-notifies on change with a rising SEQUENCE', async () => {
		const o = await office(db());
		const a = await newUser(db(), { name: '赵敏' });
		const b = await newUser(db(), { name: '钱进' });
		const form = await planForm(db(), { attendeeIds: [a.id, b.id] });
		const id = await createMeeting(db(), o.actor, form);
		await issueNotice(db(), o.actor, id);
		let mail = await outboxRows(db());
		expect(mail.map((r) => r.ics_method)).toEqual(['REQUEST', 'REQUEST']);
		expect(mail[0].ics).toContain('SEQUENCE:0');
		const notes = await db()
			.selectFrom('notifications')
			.selectAll()
			.where('user_id', '=', a.id)
			.execute();
		expect(notes[0].title).toContain('2026年第12次局务会议');

		await updateMeeting(db(), o.actor, id, {
			...form,
			startTime: '14:30',
			endTime: '16:00',
			attendeeIds: [String(a.id)]
		});
		mail = (await outboxRows(db())).slice(2);
		const toB = mail.filter((r) => r.to_address.startsWith(b.username) || r.to_name === '钱进');
		expect(toB.map((r) => r.ics_method)).toEqual(['CANCEL']);
		const toA = mail.filter((r) => r.to_name === '赵敏');
		expect(toA.map((r) => r.ics_method)).toEqual(['REQUEST']);
		expect(toA[0].ics).toContain('SEQUENCE:1');

		await cancelMeeting(db(), o.actor, id, { reason: '领导另有安排' });
		const last = (await outboxRows(db())).at(-1)!;
		expect(last.ics_method).toBe('CANCEL');
		expect(last.ics).toContain('SEQUENCE:2');
		expect(last.ics).toContain('STATUS:CANCELLED');
		const uids = new Set((await outboxRows(db())).map((r) => /UID:(.*)/.exec(r.ics!)![1].trim()));
		expect(uids.size).toBe(1);
	});

	it('refuses a cancel without a reason, and changes to a cancelled meeting', async () => {
		const o = await office(db());
		const a = await newUser(db());
		const form = await planForm(db(), { attendeeIds: [a.id] });
		const id = await createMeeting(db(), o.actor, form);
		await expect(cancelMeeting(db(), o.actor, id, { reason: ' ' })).rejects.toMatchObject({
			fields: { reason: '请填写取消原因' }
		});
		await cancelMeeting(db(), o.actor, id, { reason: '改期' });
		await expect(updateMeeting(db(), o.actor, id, form)).rejects.toThrow();
		await expect(issueNotice(db(), o.actor, id)).rejects.toThrow();
	});

	it('hides a meeting from people not on it, and keeps others from managing it', async () => {
		const o = await office(db());
		const a = await newUser(db());
		const outsider = await newUser(db());
		const id = await createMeeting(db(), o.actor, await planForm(db(), { attendeeIds: [a.id] }));
		await issueNotice(db(), o.actor, id);
		await expect(getMeetingDetail(db(), outsider.actor, id)).rejects.toThrow('not found');
		const seen = await getMeetingDetail(db(), a.actor, id);
		expect(seen.canManage).toBe(false);
		expect(seen.participants).toEqual([]);
		await expect(cancelMeeting(db(), a.actor, id, { reason: '不想开' })).rejects.toThrow(
			'forbidden'
		);
		await expect(cancelMeeting(db(), outsider.actor, id, { reason: '不想开' })).rejects.toThrow(
			'not found'
		);
		const mine = await searchMeetings(db(), a.actor, {
			scope: 'mine',
			departmentId: null,
			page: 1,
			pageSize: 20
		});
		expect(mine.meetings.map((mt) => mt.id)).toEqual([id]);
		await expect(
			searchMeetings(db(), a.actor, { scope: 'all', departmentId: null, page: 1, pageSize: 20 })
		).rejects.toThrow('forbidden');
	});

	it('keeps classified titles out of every e-mail and invite', async () => {
		const o = await office(db());
		const a = await newUser(db());
		const id = await createMeeting(db(), o.actor, {
			...(await planForm(db(), { attendeeIds: [a.id] })),
			title: '绝密项目专题研究',
			classification: 'secret'
		});
		await issueNotice(db(), o.actor, id);
		const [mail] = await outboxRows(db());
		for (const part of [mail.subject, mail.text_body, mail.html_body, mail.ics!]) {
			expect(part).not.toContain('绝密项目');
			expect(part).not.toContain('研究年终工作');
		}
		expect(mail.ics).toContain('涉密会议');
	});
});
