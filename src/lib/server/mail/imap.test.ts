import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { DB } from '../db';
import { bumpMeetingSequence } from '../meetings/meetings.repository';
import { cancelMeeting, createMeeting, issueNotice } from '../meetings/meetings.service';
import { outboxRows, planForm } from '../meetings/meetings.test-helpers';
import { listParticipants } from '../meetings/participants.repository';
import { replyToMeeting } from '../meetings/replies.service';
import { auditRows } from '../testing/audit-rows';
import {
	appendMail,
	buildReplyMail,
	mailboxCounts,
	startDovecot,
	type TestDovecot
} from '../testing/dovecot';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import {
	calendarRepliesView,
	pollCalendarReplies,
	pollNow,
	tentativeNotes
} from './calendar-replies.service';
import { parseImapUrl } from './imap';

let dovecot: TestDovecot;
let box = 0;

beforeAll(async () => {
	dovecot = await startDovecot();
});
afterAll(async () => {
	await dovecot?.stop();
});
afterEach(() => {
	delete process.env.IMAP_URL;
});

const DONE = 'Huiban/已处理';
const IGNORED = 'Huiban/已忽略';

/** Each test reads its own mailbox, so mails of one test never reach another's poll. */
function mailboxUrl(): { url: string; mailbox: string } {
	const mailbox = `T${process.pid}-${++box}`;
	const base = dovecot.url();
	return { url: base.replace('/INBOX?', `/${mailbox}?`), mailbox };
}

async function notificationKinds(db: DB, userId: number) {
	const rows = await db
		.selectFrom('notifications')
		.select('kind')
		.where('user_id', '=', userId)
		.execute();
	return rows.map((r) => r.kind);
}

async function handled(db: DB) {
	return db
		.selectFrom('calendar_replies')
		.select(['outcome', 'user_id', 'attendee', 'partstat', 'note'])
		.orderBy('id')
		.execute();
}

describeEachDialect('calendar replies over IMAP (Dovecot, icalendar)', ({ db }) => {
	/** An issued meeting with two participants; the invites went out with IMAP_URL set. */
	async function issued() {
		const { url, mailbox } = mailboxUrl();
		process.env.IMAP_URL = url;
		const o = await newUser(db(), { roles: ['office'] });
		const a = await newUser(db(), { name: '孙明', email: 'sunming@jtj.example.gov.cn' });
		const b = await newUser(db(), { name: '周红', email: 'zhouhong@jtj.example.gov.cn' });
		const id = await createMeeting(
			db(),
			o.actor,
			await planForm(db(), { attendeeIds: [a.id, b.id] })
		);
		await issueNotice(db(), o.actor, id);
		const invite = async (email: string) => {
			const row = (await outboxRows(db())).find(
				(r) => r.to_address === email && r.ics_method === 'REQUEST'
			);
			if (!row?.ics) throw new Error(`no invite for ${email}`);
			return row.ics;
		};
		const send = async (raw: Buffer | string) => appendMail(url, mailbox, raw);
		const poll = () => pollCalendarReplies(db(), url);
		const replyOf = async (userId: number) =>
			(await listParticipants(db(), id)).find((p) => p.userId === userId)!;
		return { o, a, b, id, url, mailbox, invite, send, poll, replyOf };
	}

	it('ACCEPTED becomes 参加, audited as the participant from imap, and the mail moves', async () => {
		const t = await issued();
		const ics = await t.invite('sunming@jtj.example.gov.cn');
		expect(ics).toContain('RSVP=TRUE');
		await t.send(buildReplyMail(ics, { partstat: 'ACCEPTED' }));
		const r = await t.poll();
		expect(r).toMatchObject({ ok: true, fetched: 1, handled: 1, error: '' });
		const mine = await t.replyOf(t.a.id);
		expect([mine.reply, mine.replyReason]).toEqual(['attend', '']);
		expect((await t.replyOf(t.b.id)).reply).toBe('pending');
		const audits = await auditRows(db(), 'meeting.reply');
		expect(audits.map((x) => [x.actorId, x.ip])).toEqual([[t.a.id, 'imap']]);
		expect(await mailboxCounts(t.url, [t.mailbox, DONE])).toMatchObject({ [t.mailbox]: 0 });
		expect((await mailboxCounts(t.url, [DONE]))[DONE]).toBeGreaterThan(0);
		// The admin sees it on the outbox page.
		process.env.IMAP_URL = t.url;
		const view = await calendarRepliesView(db(), t.o.actor);
		expect(view.on).toBe(true);
		expect(view.mailbox).not.toContain(dovecot.pass);
		expect(view.last).toMatchObject({ ok: true, handled: 1 });
		expect(view.recent.map((x) => [x.userName, x.partstat, x.outcome])).toEqual([
			['孙明', 'ACCEPTED', 'attend']
		]);
	});

	it('DECLINED becomes 请假 通过日历客户端拒绝 and asks the person for a reason', async () => {
		const t = await issued();
		const ics = await t.invite('zhouhong@jtj.example.gov.cn');
		await t.send(buildReplyMail(ics, { partstat: 'DECLINED', comment: '出差' }));
		await t.poll();
		const mine = await t.replyOf(t.b.id);
		expect([mine.reply, mine.replyReason]).toEqual(['excused', '通过日历客户端拒绝']);
		expect(await notificationKinds(db(), t.b.id)).toContain('meeting.calendar_decline');
		const notice = await db()
			.selectFrom('notifications')
			.select(['title', 'link'])
			.where('user_id', '=', t.b.id)
			.where('kind', '=', 'meeting.calendar_decline')
			.executeTakeFirstOrThrow();
		expect(notice.title).toContain('请补充请假原因');
		expect(notice.link).toBe(`/meetings/${t.id}`);
		expect(await handled(db())).toEqual([
			{
				outcome: 'excused',
				user_id: t.b.id,
				attendee: 'zhouhong@jtj.example.gov.cn',
				partstat: 'DECLINED',
				note: '出差'
			}
		]);
	});

	it('TENTATIVE leaves no reply and keeps a note; the same note again is no change', async () => {
		const t = await issued();
		const ics = await t.invite('sunming@jtj.example.gov.cn');
		await t.send(buildReplyMail(ics, { partstat: 'TENTATIVE', comment: '可能晚到' }));
		await t.send(buildReplyMail(ics, { partstat: 'TENTATIVE', comment: '可能晚到' }));
		await t.poll();
		expect((await t.replyOf(t.a.id)).reply).toBe('pending');
		expect((await handled(db())).map((h) => h.outcome)).toEqual(['tentative', 'unchanged']);
		const notes = await tentativeNotes(db(), t.id);
		expect(notes.get(t.a.id)?.note).toBe('可能晚到');
		expect(await auditRows(db(), 'meeting.calendar_tentative')).toHaveLength(1);
		expect(await auditRows(db(), 'meeting.reply')).toHaveLength(0);
	});

	it('ignores a reply whose sender is not the attendee, and moves it to the ignored folder', async () => {
		const t = await issued();
		const ics = await t.invite('sunming@jtj.example.gov.cn');
		await t.send(buildReplyMail(ics, { partstat: 'DECLINED', from: 'attacker@evil.example.com' }));
		// Someone else's address in ATTENDEE, sent by them: not a participant of this meeting.
		await t.send(
			buildReplyMail(ics, { partstat: 'DECLINED', attendee: 'other@jtj.example.gov.cn' })
		);
		const before = (await mailboxCounts(t.url, [IGNORED]))[IGNORED];
		await t.poll();
		expect((await t.replyOf(t.a.id)).reply).toBe('pending');
		expect((await handled(db())).map((h) => h.outcome)).toEqual(['spoofed', 'not_participant']);
		expect((await mailboxCounts(t.url, [IGNORED]))[IGNORED]).toBe(before + 2);
		expect(await auditRows(db(), 'meeting.reply')).toHaveLength(0);
		const counts = await mailboxCounts(t.url, [t.mailbox]);
		expect(counts[t.mailbox]).toBe(0);
		expect(await notificationKinds(db(), t.a.id)).not.toContain('meeting.calendar_decline');
	});

	it('ignores a reply to an older SEQUENCE of the invite', async () => {
		const t = await issued();
		const ics = await t.invite('sunming@jtj.example.gov.cn');
		await bumpMeetingSequence(db(), t.id);
		await t.send(buildReplyMail(ics, { partstat: 'DECLINED' }));
		await t.poll();
		expect((await t.replyOf(t.a.id)).reply).toBe('pending');
		expect((await handled(db())).map((h) => h.outcome)).toEqual(['old_sequence']);
	});

	it('handles a Message-ID once, and the same answer again changes nothing', async () => {
		const t = await issued();
		const ics = await t.invite('zhouhong@jtj.example.gov.cn');
		const raw = buildReplyMail(ics, { partstat: 'DECLINED', messageId: '<dup-1@client.test>' });
		await t.send(raw);
		await t.send(raw);
		await t.send(buildReplyMail(ics, { partstat: 'DECLINED' }));
		await t.poll();
		expect((await t.replyOf(t.b.id)).reply).toBe('excused');
		expect(await auditRows(db(), 'meeting.reply')).toHaveLength(1);
		expect(
			(await notificationKinds(db(), t.b.id)).filter((k) => k === 'meeting.calendar_decline')
		).toHaveLength(1);
		expect((await handled(db())).map((h) => h.outcome)).toEqual(['excused', 'unchanged']);
		// The same mail put back after it was handled is still handled once.
		await t.send(raw);
		await t.poll();
		expect(await auditRows(db(), 'meeting.reply')).toHaveLength(1);
		expect((await mailboxCounts(t.url, [t.mailbox]))[t.mailbox]).toBe(0);
	});

	it('ignores an unknown UID, keeps a reason the person typed, and leaves other mail alone', async () => {
		const t = await issued();
		const ics = await t.invite('zhouhong@jtj.example.gov.cn');
		await t.send(
			buildReplyMail(ics, {
				partstat: 'DECLINED',
				uid: '00000000-0000-4000-8000-000000000000@huiban'
			})
		);
		await t.send(buildReplyMail(ics, { partstat: 'ACCEPTED', uid: 'not-ours@example.com' }));
		await t.send('From: someone@example.com\r\nSubject: 你好\r\n\r\n普通邮件\r\n');
		// A reason given in the app is not replaced by a later decline from the calendar.
		await replyToMeeting(db(), t.b.actor, t.id, { reply: 'excused', reason: '外出调研' });
		await t.send(buildReplyMail(ics, { partstat: 'DECLINED' }));
		const r = await t.poll();
		expect(r).toMatchObject({ fetched: 4, handled: 3 });
		expect((await handled(db())).map((h) => h.outcome)).toEqual([
			'unknown_meeting',
			'unknown_meeting',
			'unchanged'
		]);
		expect((await t.replyOf(t.b.id)).replyReason).toBe('外出调研');
		// The ordinary mail stays where it was.
		expect((await mailboxCounts(t.url, [t.mailbox]))[t.mailbox]).toBe(1);
	});

	it('refuses through the meetings rules: a cancelled meeting takes no reply', async () => {
		const t = await issued();
		const ics = await t.invite('sunming@jtj.example.gov.cn');
		await cancelMeeting(db(), t.o.actor, t.id, { reason: '改期' });
		// The CANCEL raised SEQUENCE; a client answering it still finds the meeting cancelled.
		const seq = Number(/^SEQUENCE:(\d+)/m.exec(ics)![1]) + 5;
		await t.send(buildReplyMail(ics, { partstat: 'ACCEPTED', sequence: seq }));
		await t.poll();
		expect((await t.replyOf(t.a.id)).reply).toBe('pending');
		const [h] = await handled(db());
		expect(h.outcome).toBe('refused');
		expect(h.note).toBe('会议未发通知、已开始或已取消，不能再回执');
	});

	it('a deputy is named in the app only: DELEGATED and a principal with a deputy are ignored', async () => {
		const t = await issued();
		const c = await newUser(db(), { name: '吴刚', email: 'wugang@jtj.example.gov.cn' });
		const ics = await t.invite('sunming@jtj.example.gov.cn');
		await t.send(buildReplyMail(ics, { partstat: 'DELEGATED' }));
		await t.poll();
		await replyToMeeting(db(), t.a.actor, t.id, { reply: 'deputy', deputyId: String(c.id) });
		await t.send(buildReplyMail(ics, { partstat: 'DECLINED' }));
		await t.poll();
		const mine = await t.replyOf(t.a.id);
		expect([mine.reply, mine.deputyId]).toEqual(['deputy', c.id]);
		expect((await handled(db())).map((h) => h.outcome)).toEqual(['deputy', 'deputy']);
	});

	it('invites say RSVP=FALSE while IMAP_URL is unset', async () => {
		delete process.env.IMAP_URL;
		const o = await newUser(db(), { roles: ['office'] });
		const a = await newUser(db(), { email: 'a@jtj.example.gov.cn' });
		const id = await createMeeting(db(), o.actor, await planForm(db(), { attendeeIds: [a.id] }));
		await issueNotice(db(), o.actor, id);
		const ics = (await outboxRows(db())).find((r) => r.to_address === 'a@jtj.example.gov.cn')!.ics!;
		const attendee = ics
			.replace(/\r\n[ \t]/g, '')
			.split('\r\n')
			.find((l) => l.startsWith('ATTENDEE'))!;
		expect(attendee).toContain('RSVP=FALSE');
		expect(attendee).not.toContain('RSVP=TRUE');
		const view = await calendarRepliesView(db(), o.actor);
		expect(view).toMatchObject({ on: false, last: null, recent: [] });
		await expect(pollNow(db(), o.actor)).rejects.toMatchObject({
			name: 'ValidationError',
			message: '未设置 IMAP_URL，未开启日历回复收取'
		});
	});

	it('立即收取: the outbox manager polls once (audited); another user cannot', async () => {
		const t = await issued();
		const staff = await newUser(db());
		await expect(pollNow(db(), staff.actor)).rejects.toMatchObject({ name: 'ForbiddenError' });
		await expect(calendarRepliesView(db(), staff.actor)).rejects.toMatchObject({
			name: 'ForbiddenError'
		});
		await t.send(
			buildReplyMail(await t.invite('sunming@jtj.example.gov.cn'), { partstat: 'ACCEPTED' })
		);
		const r = await pollNow(db(), t.o.actor);
		expect(r).toMatchObject({ ok: true, handled: 1 });
		const audits = await auditRows(db(), 'mail.replies_poll');
		expect(audits.map((x) => x.actorId)).toEqual([t.o.id]);
		expect((await t.replyOf(t.a.id)).reply).toBe('attend');
	});

	it('a mailbox that refuses the login is recorded as failed, without the password', async () => {
		const wrong = dovecot.url().replace(encodeURIComponent(dovecot.pass), 'Wrong-Secret-9');
		const r = await pollCalendarReplies(db(), wrong);
		expect(r.ok).toBe(false);
		expect(r.error).not.toBe('');
		expect(r.error).not.toContain('Wrong-Secret-9');
		const o = await newUser(db(), { roles: ['admin'] });
		process.env.IMAP_URL = wrong;
		const view = await calendarRepliesView(db(), o.actor);
		expect(view.last).toMatchObject({ ok: false });
		expect(JSON.stringify(view)).not.toContain('Wrong-Secret-9');
	});
});

it('reads the IMAP_URL forms: imaps, STARTTLS, tls=off, mailbox and folders', () => {
	expect(parseImapUrl('imaps://bgs%40jtj.gov.cn:p%40ss@mail.jtj.gov.cn/INBOX')).toEqual({
		host: 'mail.jtj.gov.cn',
		port: 993,
		secure: true,
		starttls: false,
		user: 'bgs@jtj.gov.cn',
		pass: 'p@ss',
		mailbox: 'INBOX',
		doneFolder: 'Huiban/已处理',
		ignoredFolder: 'Huiban/已忽略'
	});
	expect(parseImapUrl('imap://u:p@10.0.0.5')).toMatchObject({
		port: 143,
		secure: false,
		starttls: true,
		mailbox: 'INBOX'
	});
	expect(
		parseImapUrl(
			`imap://u:p@127.0.0.1:1143/${encodeURIComponent('会议回复')}?tls=off&done=${encodeURIComponent('归档/日历')}&ignored=Junk`
		)
	).toMatchObject({
		port: 1143,
		starttls: false,
		mailbox: '会议回复',
		doneFolder: '归档/日历',
		ignoredFolder: 'Junk'
	});
	expect(() => parseImapUrl('smtp://u:secret@x')).toThrow(/imap:\/\//);
	expect(() => parseImapUrl('not a url with secret')).not.toThrow(/secret/);
	expect(() => parseImapUrl('not a url with secret')).toThrow(/IMAP_URL/);
});
