import { dayFromNow } from '../testing/dates';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser } from '../testing/fixtures';
import { getMeetingDetail } from './meetings.query';
import { createMeeting, issueNotice } from './meetings.service';
import { zonedToInstant } from '$lib/domain/zoned-time';
import { outboxRows, planForm } from './meetings.test-helpers';
import { confirmDeputy, replyToMeeting, urgeReplies } from './replies.service';

const BEFORE = new Date();

describeEachDialect('replies', ({ db }) => {
	async function issued(extra: Record<string, unknown> = {}) {
		const o = await newUser(db(), { roles: ['office'] });
		const a = await newUser(db(), { name: '孙明' });
		const b = await newUser(db(), { name: '周红' });
		const form = { ...(await planForm(db(), { attendeeIds: [a.id, b.id] })), ...extra };
		const id = await createMeeting(db(), o.actor, form);
		await issueNotice(db(), o.actor, id);
		return { o, a, b, id };
	}

	it('records attend and excused, and an excuse needs a reason', async () => {
		const { o, a, b, id } = await issued();
		await replyToMeeting(db(), a.actor, id, { reply: 'attend' }, BEFORE);
		await expect(
			replyToMeeting(db(), b.actor, id, { reply: 'excused', reason: '' }, BEFORE)
		).rejects.toMatchObject({
			fields: { reason: '请假须填写原因' }
		});
		await replyToMeeting(db(), b.actor, id, { reply: 'excused', reason: '出差' }, BEFORE);
		const d = await getMeetingDetail(db(), o.actor, id);
		expect(d.participants.map((p) => [p.name, p.reply, p.replyReason])).toEqual(
			expect.arrayContaining([
				['孙明', 'attend', ''],
				['周红', 'excused', '出差']
			])
		);
	});

	it('sends the deputy the invite, lets them confirm, and cancels a replaced deputy', async () => {
		const { o, a, id } = await issued();
		const d1 = await newUser(db(), { name: '吴刚' });
		const d2 = await newUser(db(), { name: '郑洁' });
		const sent = (await outboxRows(db())).length;
		await replyToMeeting(db(), a.actor, id, { reply: 'deputy', deputyId: String(d1.id) }, BEFORE);
		let mail = (await outboxRows(db())).slice(sent);
		expect(mail.map((r) => [r.to_name, r.ics_method])).toEqual([['吴刚', 'REQUEST']]);
		// The deputy now sees the meeting and confirms.
		await confirmDeputy(db(), d1.actor, id, BEFORE);
		const seen = await getMeetingDetail(db(), d1.actor, id);
		expect(seen.deputyFor.map((p) => p.name)).toEqual(['孙明']);

		await replyToMeeting(db(), a.actor, id, { reply: 'deputy', deputyId: String(d2.id) }, BEFORE);
		mail = (await outboxRows(db())).slice(sent + 1);
		expect(mail.map((r) => [r.to_name, r.ics_method])).toEqual([
			['吴刚', 'CANCEL'],
			['郑洁', 'REQUEST']
		]);
		const row = (await getMeetingDetail(db(), o.actor, id)).participants.find(
			(p) => p.name === '孙明'
		)!;
		expect([row.reply, row.deputyName, row.deputyConfirmedAt]).toEqual(['deputy', '郑洁', null]);
	});

	it('refuses a deputy who is already on the list, and oneself', async () => {
		const { a, b, id } = await issued();
		await expect(
			replyToMeeting(db(), a.actor, id, { reply: 'deputy', deputyId: String(b.id) }, BEFORE)
		).rejects.toMatchObject({ fields: { deputyId: expect.stringContaining('周红') } });
		await expect(
			replyToMeeting(db(), a.actor, id, { reply: 'deputy', deputyId: String(a.id) }, BEFORE)
		).rejects.toMatchObject({ fields: { deputyId: expect.any(String) } });
	});

	it('closes replies after the deadline and writes nothing', async () => {
		const day = dayFromNow(6);
		const { a, id } = await issued({ replyDeadlineDate: day, replyDeadlineTime: '12:00' });
		const before = await auditCount(db());
		const late = new Date(
			new Date(zonedToInstant(day, '12:00', 'Asia/Shanghai')).getTime() + 3600_000
		);
		await expect(replyToMeeting(db(), a.actor, id, { reply: 'attend' }, late)).rejects.toThrow(
			'回执已截止'
		);
		expect(await auditCount(db())).toBe(before);
	});

	it('refuses replies from people not on the meeting', async () => {
		const { id } = await issued();
		const outsider = await newUser(db());
		await expect(
			replyToMeeting(db(), outsider.actor, id, { reply: 'attend' }, BEFORE)
		).rejects.toThrow('not found');
	});

	it('lets the office urge those who have not replied, and nobody else', async () => {
		const { o, a, b, id } = await issued();
		await replyToMeeting(db(), a.actor, id, { reply: 'attend' }, BEFORE);
		const sent = (await outboxRows(db())).length;
		expect(await urgeReplies(db(), o.actor, id)).toBe(1);
		const mail = (await outboxRows(db())).slice(sent);
		expect(mail.map((r) => r.to_name)).toEqual(['周红']);
		await expect(urgeReplies(db(), b.actor, id)).rejects.toThrow('forbidden');
	});
});
