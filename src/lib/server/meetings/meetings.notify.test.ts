import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { setClock } from '../clock';
import { deliverDueMail } from '../mail/outbox';
import { prop, smtpPeer, unfold } from '../mail/outbox.test-helpers';
import { createMailTransport } from '../mail/transport';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { myMeetingDashboard } from './home.query';
import { getMeetingDetail } from './meetings.query';
import { cancelMeeting, createMeeting, issueNotice, updateMeeting } from './meetings.service';
import { outboxRows, planForm } from './meetings.test-helpers';
import { replyToMeeting } from './replies.service';

const peer = smtpPeer();
beforeAll(() => peer.start());
afterAll(() => peer.stop());
afterEach(() => setClock(null));

/** An ics text property, unescaped (RFC 5545 §3.3.11). */
const text = (ics: string, name: string) =>
	(prop(ics, name) ?? '').replace(/\\([\\;,nN])/g, (_, c: string) =>
		c.toLowerCase() === 'n' ? '\n' : c
	);

describeEachDialect('meeting notices', ({ db }) => {
	async function issued(extra: Record<string, unknown> = {}) {
		const o = await newUser(db(), { roles: ['office', 'staff'] });
		const a = await newUser(db(), { name: '孙明' });
		const b = await newUser(db(), { name: '周红' });
		const host = await newUser(db(), { name: '王局长', roles: ['leader'] });
		const rec = await newUser(db(), { name: '洪记录' });
		const form = {
			...(await planForm(db(), { attendeeIds: [a.id, b.id] })),
			hostId: String(host.id),
			recorderId: String(rec.id),
			...extra
		};
		const id = await createMeeting(db(), o.actor, form);
		await issueNotice(db(), o.actor, id);
		return { o, a, b, host, rec, form, id };
	}
	const mailSince = async (n: number) => (await outboxRows(db())).slice(n);
	const notesOf = (userId: number) =>
		db()
			.selectFrom('notifications')
			.selectAll()
			.where('user_id', '=', userId)
			.orderBy('id')
			.execute();
	const sequenceOf = async (id: number) =>
		(
			await db()
				.selectFrom('meetings')
				.select('sequence')
				.where('id', '=', id)
				.executeTakeFirstOrThrow()
		).sequence;

	it('sends the host and the recorder the notice and the cancel, though not participants', async () => {
		const { o, host, rec, id } = await issued();
		const first = await outboxRows(db());
		expect(first.map((r) => r.to_name).sort()).toEqual(['周红', '孙明', '王局长', '洪记录'].sort());
		const toHost = first.find((r) => r.to_name === '王局长')!;
		expect(unfold(toHost.ics!)).toMatch(/^ATTENDEE;[^\r\n]*ROLE=CHAIR/m);
		expect(await notesOf(host.id)).toHaveLength(1);
		await cancelMeeting(db(), o.actor, id, { reason: '领导另有安排' });
		const cancels = await mailSince(first.length);
		expect(cancels.map((r) => [r.to_name, r.ics_method]).sort()).toEqual(
			[
				['周红', 'CANCEL'],
				['孙明', 'CANCEL'],
				['王局长', 'CANCEL'],
				['洪记录', 'CANCEL']
			].sort()
		);
		expect(await notesOf(rec.id)).toHaveLength(2);
	});

	it('puts the cancel reason in every cancel mail and its invite', async () => {
		const { o, id } = await issued();
		const n = (await outboxRows(db())).length;
		await cancelMeeting(db(), o.actor, id, { reason: '领导另有安排，改期另行通知' });
		const [mail] = await mailSince(n);
		expect(mail.text_body).toContain('取消原因：领导另有安排，改期另行通知');
		expect(mail.html_body).toContain('领导另有安排，改期另行通知');
		expect(text(mail.ics!, 'DESCRIPTION')).toContain('领导另有安排，改期另行通知');
	});

	it('keeps the cancel reason of a classified meeting inside the app', async () => {
		const { o, id } = await issued({ classification: 'secret', title: '绝密项目专题研究' });
		const n = (await outboxRows(db())).length;
		await cancelMeeting(db(), o.actor, id, { reason: '绝密项目暂停' });
		for (const mail of await mailSince(n)) {
			for (const part of [mail.subject, mail.text_body, mail.html_body, mail.ics!]) {
				expect(part).not.toContain('绝密项目');
			}
		}
	});

	it('tells a removed person they are no longer expected, links nowhere they cannot open', async () => {
		const { o, a, b, form, id } = await issued();
		const n = (await outboxRows(db())).length;
		await updateMeeting(db(), o.actor, id, { ...form, attendeeIds: [String(a.id)] });
		const sent = await mailSince(n);
		// Nothing the others can see changed: only the removed person hears of it.
		expect(sent.map((r) => [r.to_name, r.ics_method])).toEqual([['周红', 'CANCEL']]);
		const [mail] = sent;
		for (const part of [mail.subject, mail.text_body, mail.html_body]) {
			expect(part).not.toContain('会议取消');
			expect(part).not.toContain('已取消');
			expect(part).not.toContain(`/meetings/${id}`);
		}
		expect(mail.subject).toContain('无需参加');
		expect(mail.text_body).toContain('您无需参加');
		expect(Number(prop(mail.ics!, 'SEQUENCE'))).toBeGreaterThan(0);
		const note = (await notesOf(b.id)).at(-1)!;
		expect(note.title).toContain('无需参加');
		expect(note.link).not.toContain(`/meetings/${id}`);
		await expect(getMeetingDetail(db(), b.actor, id)).rejects.toThrow('not found');
	});

	it('keeps a removed participant who still hosts the meeting on it, without a CANCEL', async () => {
		const { o, a, b, form, id } = await issued();
		const n = (await outboxRows(db())).length;
		await updateMeeting(db(), o.actor, id, {
			...form,
			hostId: String(b.id),
			attendeeIds: [String(a.id)]
		});
		const toB = (await mailSince(n)).filter((r) => r.to_name === '周红');
		expect(toB.map((r) => r.ics_method)).toEqual(['REQUEST']);
		expect(toB[0].text_body).toContain('主持');
	});

	it('sends nothing and keeps SEQUENCE when an issued meeting is saved unchanged', async () => {
		const { o, a, form, id } = await issued();
		const n = (await outboxRows(db())).length;
		const notes = (await notesOf(a.id)).length;
		await updateMeeting(db(), o.actor, id, form);
		expect(await mailSince(n)).toEqual([]);
		expect(await notesOf(a.id)).toHaveLength(notes);
		expect(await sequenceOf(id)).toBe(0);
	});

	it('says what changed, old → new, to everyone a time change concerns', async () => {
		const { o, form, id } = await issued();
		const n = (await outboxRows(db())).length;
		await updateMeeting(db(), o.actor, id, { ...form, startTime: '14:30', endTime: '16:00' });
		const sent = await mailSince(n);
		expect(sent.map((r) => r.to_name).sort()).toEqual(['周红', '孙明', '王局长', '洪记录'].sort());
		for (const mail of sent) {
			expect(mail.subject).toContain('会议变更通知');
			expect(mail.text_body).toMatch(/会议时间：[^\n]*09:30—11:00 → [^\n]*14:30—16:00/);
			expect(prop(mail.ics!, 'SEQUENCE')).toBe('1');
		}
		expect(await sequenceOf(id)).toBe(1);
	});

	it('tells only the person whose role changed, with their old and new role', async () => {
		const { o, a, b, form, id } = await issued();
		const n = (await outboxRows(db())).length;
		await updateMeeting(db(), o.actor, id, {
			...form,
			attendeeIds: [String(a.id)],
			observerIds: [String(b.id)]
		});
		const sent = await mailSince(n);
		expect(sent.map((r) => [r.to_name, r.ics_method])).toEqual([['周红', 'REQUEST']]);
		expect(sent[0].text_body).toContain('您的参会身份：出席 → 列席');
		expect(unfold(sent[0].ics!)).toMatch(/ROLE=OPT-PARTICIPANT/);
	});

	it('names whose place a deputy takes, and lists the confirmation in their 待办', async () => {
		const { a, id } = await issued();
		const d1 = await newUser(db(), { name: '吴刚' });
		const n = (await outboxRows(db())).length;
		await replyToMeeting(db(), a.actor, id, { reply: 'deputy', deputyId: String(d1.id) });
		const [mail] = await mailSince(n);
		expect(mail.to_name).toBe('吴刚');
		expect(mail.text_body).toContain('代孙明参加');
		expect(mail.html_body).toContain('代孙明参加');
		expect(text(mail.ics!, 'DESCRIPTION')).toContain('代孙明参加');
		const board = await myMeetingDashboard(db(), d1.actor, 'Asia/Shanghai');
		expect(board.pendingDeputies.map((p) => [p.id, p.principal])).toEqual([[id, '孙明']]);
	});

	it('tells a replaced deputy they are no longer expected, with a higher SEQUENCE', async () => {
		const { a, id } = await issued();
		const d1 = await newUser(db(), { name: '吴刚' });
		const d2 = await newUser(db(), { name: '郑洁' });
		await replyToMeeting(db(), a.actor, id, { reply: 'deputy', deputyId: String(d1.id) });
		const n = (await outboxRows(db())).length;
		const invite = (await outboxRows(db())).at(-1)!;
		await replyToMeeting(db(), a.actor, id, { reply: 'deputy', deputyId: String(d2.id) });
		const sent = await mailSince(n);
		expect(sent.map((r) => [r.to_name, r.ics_method])).toEqual([
			['吴刚', 'CANCEL'],
			['郑洁', 'REQUEST']
		]);
		const [cancel] = sent;
		expect(Number(prop(cancel.ics!, 'SEQUENCE'))).toBeGreaterThan(
			Number(prop(invite.ics!, 'SEQUENCE'))
		);
		expect(cancel.text_body).toContain('您无需参加');
		expect(cancel.text_body).not.toContain(`/meetings/${id}`);
		expect(cancel.subject).not.toContain('会议取消');
		expect((await notesOf(d1.id)).at(-1)!.link).not.toContain(`/meetings/${id}`);
		const board = await myMeetingDashboard(db(), d1.actor, 'Asia/Shanghai');
		expect(board.pendingDeputies).toEqual([]);
	});

	it('stamps DTSTAMP when a mail is sent, not when it was queued', async () => {
		setClock('2020-01-01T00:00:00.000Z');
		const { o, id } = await issued();
		await cancelMeeting(db(), o.actor, id, { reason: '改期' });
		peer.received.length = 0;
		const sendAt = new Date('2020-01-01T05:06:07.000Z');
		setClock(sendAt);
		const result = await deliverDueMail(db(), createMailTransport(peer.url()), sendAt);
		expect(result.sent).toBe(8);
		for (const raw of peer.received) {
			const mail = await simpleParser(raw);
			const cal = mail.attachments.find((x) => x.contentType === 'text/calendar')!;
			expect(prop(cal.content.toString('utf8'), 'DTSTAMP')).toBe('20200101T050607Z');
		}
		// The stored copy is left as queued.
		expect(prop((await outboxRows(db()))[0].ics!, 'DTSTAMP')).not.toBe('20200101T050607Z');
	});
});
