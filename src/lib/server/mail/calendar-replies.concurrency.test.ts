import { afterEach, expect, it } from 'vitest';
import type { DB } from '../db';
import { createMeeting, issueNotice } from '../meetings/meetings.service';
import { outboxRows, planForm } from '../meetings/meetings.test-helpers';
import { listParticipants } from '../meetings/participants.repository';
import { auditRows } from '../testing/audit-rows';
import { buildReplyMail } from '../testing/dovecot';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { ingestReply, type ReplyMail } from './calendar-replies.service';

const N = 20;

afterEach(() => {
	delete process.env.IMAP_URL;
});

/** The parts of a mail the poll hands over, read from the raw message Python wrote. */
function asReplyMail(raw: Buffer): ReplyMail {
	const text = raw.toString('utf8');
	const header = (name: string) =>
		new RegExp(`^${name}: *(.*)$`, 'im').exec(text.slice(0, text.indexOf('\n\n')))?.[1].trim() ??
		'';
	const boundary = /boundary="([^"]+)"/.exec(text)![1];
	const part = text.split(`--${boundary}`).find((p) => /Content-Type: text\/calendar/i.test(p))!;
	const body = part.slice(part.search(/\r?\n\r?\n/)).replace(/\s+/g, '');
	return {
		messageId: header('Message-ID'),
		from: header('From'),
		calendars: [Buffer.from(body, 'base64').toString('utf8')]
	};
}

async function declineNotices(db: DB, userId: number) {
	const rows = await db
		.selectFrom('notifications')
		.select('id')
		.where('user_id', '=', userId)
		.where('kind', '=', 'meeting.calendar_decline')
		.execute();
	return rows.length;
}

describeEachDialect('calendar replies, 20 ingests at once', (ctx) => {
	const openWide = wideDbPerTest(ctx, N);

	async function issued() {
		const db = ctx.db();
		process.env.IMAP_URL = 'imap://u:p@127.0.0.1:1/INBOX?tls=off';
		const o = await newUser(db, { roles: ['office'] });
		const a = await newUser(db, { name: '孙明', email: 'sunming@jtj.example.gov.cn' });
		const id = await createMeeting(db, o.actor, await planForm(db, { attendeeIds: [a.id] }));
		await issueNotice(db, o.actor, id);
		const ics = (await outboxRows(db)).find(
			(r) => r.to_address === 'sunming@jtj.example.gov.cn'
		)!.ics!;
		return { a, id, ics, wide: openWide() };
	}

	it('the same mail ingested twenty times at once changes the reply once', async () => {
		const { a, id, ics, wide } = await issued();
		const mail = asReplyMail(buildReplyMail(ics, { partstat: 'DECLINED' }));
		const { ok, errors } = await inParallel(N, () => ingestReply(wide, mail));
		expect(errors).toEqual([]);
		expect(ok.map((r) => r.outcome).sort()).toEqual([...Array(N - 1).fill('duplicate'), 'excused']);
		const db = ctx.db();
		const mine = (await listParticipants(db, id)).find((p) => p.userId === a.id)!;
		expect([mine.reply, mine.replyReason]).toEqual(['excused', '通过日历客户端拒绝']);
		expect(await auditRows(db, 'meeting.reply')).toHaveLength(1);
		expect(await declineNotices(db, a.id)).toBe(1);
		expect(await db.selectFrom('calendar_replies').select('id').execute()).toHaveLength(1);
	});

	it('twenty different mails with the same answer change it once and tell the person once', async () => {
		const { a, ics, wide } = await issued();
		const mails = Array.from({ length: N }, () =>
			asReplyMail(buildReplyMail(ics, { partstat: 'DECLINED' }))
		);
		expect(new Set(mails.map((m) => m.messageId)).size).toBe(N);
		const { ok, errors } = await inParallel(N, (i) => ingestReply(wide, mails[i]));
		expect(onlyUserErrors(errors)).toBe(true);
		expect(errors).toEqual([]);
		expect(ok.map((r) => r.outcome).sort()).toEqual(['excused', ...Array(N - 1).fill('unchanged')]);
		const db = ctx.db();
		expect(await auditRows(db, 'meeting.reply')).toHaveLength(1);
		expect(await declineNotices(db, a.id)).toBe(1);
	});
});
