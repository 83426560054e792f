import { describe, expect, it } from 'vitest';
import { buildFeed } from './ical-feed';
import {
	buildInvite,
	mailContent,
	meetingChanges,
	stampIcs,
	type InviteInput,
	type MailInput,
	type MeetingView
} from './invite';

const TITLE =
	'关于贯彻落实全市交通运输安全生产工作会议精神暨部署岁末年初安全生产大检查专项行动及冬季道路运输保障工作的第一次专题局会议';
const DESCRIPTION = Array.from(
	{ length: 12 },
	(_, i) => `第${i + 1}项：听取各科室关于安全生产、春运保障和节日值班安排的情况汇报；`
).join('\n');

const invite = (o: Partial<InviteInput> = {}): InviteInput => ({
	uid: 'a1b2c3@huiban',
	sequence: 2,
	method: 'REQUEST',
	start: '2026-12-01T01:30:00.000Z',
	end: '2026-12-01T03:00:00.000Z',
	summary: '局务会议',
	location: '机关大楼三楼第一会议室',
	description: '听取汇报',
	organizer: { name: '某某市交通运输局办公室', email: 'bgs@jtj.example.gov.cn' },
	attendees: [
		{ name: '王局长', email: 'wang@jtj.example.gov.cn', role: 'CHAIR' },
		{ name: '欧阳少东', email: 'ouyang@jtj.example.gov.cn', role: 'REQ-PARTICIPANT' },
		{ name: '林小文', email: 'lin@jtj.example.gov.cn', role: 'OPT-PARTICIPANT' },
		{ name: '洪记录', email: 'hong@jtj.example.gov.cn', role: 'NON-PARTICIPANT' }
	],
	stamp: '2026-11-20T08:00:00.000Z',
	...o
});

/** Content lines after unfolding (RFC 5545 §3.1). */
function lines(ics: string): string[] {
	return ics
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.slice(0, -1);
}
function values(ics: string, name: string): string[] {
	return lines(ics)
		.filter((l) => l.startsWith(name + ':') || l.startsWith(name + ';'))
		.map((l) => l.slice(l.indexOf(':', name.length) + 1));
}
function text(v: string): string {
	return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c.toLowerCase() === 'n' ? '\n' : c));
}

describe('buildInvite', () => {
	it('writes METHOD and the matching STATUS for a request and a cancellation', () => {
		const req = buildInvite(invite());
		expect(values(req, 'METHOD')).toEqual(['REQUEST']);
		expect(values(req, 'STATUS')).toEqual(['CONFIRMED']);
		const cancel = buildInvite(invite({ method: 'CANCEL', sequence: 3 }));
		expect(values(cancel, 'METHOD')).toEqual(['CANCEL']);
		expect(values(cancel, 'STATUS')).toEqual(['CANCELLED']);
		expect(values(cancel, 'UID')).toEqual(['a1b2c3@huiban']);
		expect(values(cancel, 'SEQUENCE')).toEqual(['3']);
	});

	it('writes one VEVENT with UID, SEQUENCE, the given DTSTAMP and UTC times', () => {
		const ics = buildInvite(invite());
		expect(lines(ics).filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
		expect(values(ics, 'UID')).toEqual(['a1b2c3@huiban']);
		expect(values(ics, 'SEQUENCE')).toEqual(['2']);
		expect(values(ics, 'DTSTAMP')).toEqual(['20261120T080000Z']);
		expect(values(ics, 'DTSTART')).toEqual(['20261201T013000Z']);
		expect(values(ics, 'DTEND')).toEqual(['20261201T030000Z']);
		expect(ics).not.toContain('VTIMEZONE');
	});

	it('stamps DTSTAMP with the current time when no stamp is given', () => {
		const before = new Date()
			.toISOString()
			.replace(/[-:]|\.\d+/g, '')
			.slice(0, 13);
		const [stamp] = values(buildInvite(invite({ stamp: undefined })), 'DTSTAMP');
		expect(stamp).toMatch(/^\d{8}T\d{6}Z$/);
		expect(stamp.slice(0, 13) >= before).toBe(true);
	});

	it('names the organizer with CN and lists each attendee with unquoted parameters', () => {
		const ics = buildInvite(invite({ rsvp: true }));
		expect(lines(ics).filter((l) => l.startsWith('ORGANIZER'))).toEqual([
			'ORGANIZER;CN="某某市交通运输局办公室":mailto:bgs@jtj.example.gov.cn'
		]);
		const attendees = lines(ics).filter((l) => l.startsWith('ATTENDEE'));
		expect(attendees).toHaveLength(4);
		const roles = ['CHAIR', 'REQ-PARTICIPANT', 'OPT-PARTICIPANT', 'NON-PARTICIPANT'];
		attendees.forEach((l, i) => {
			const params = l.slice(0, l.lastIndexOf(':MAILTO:')).split(';');
			expect(params).toContain(`ROLE=${roles[i]}`);
			expect(params).toContain('PARTSTAT=NEEDS-ACTION');
			expect(params).toContain('RSVP=TRUE');
			expect(l.endsWith(`:MAILTO:${invite().attendees[i].email}`)).toBe(true);
		});
	});

	it('asks for no calendar reply (RSVP=FALSE) unless the replies are read (rsvp: true)', () => {
		const rsvp = (ics: string) =>
			lines(ics)
				.filter((l) => l.startsWith('ATTENDEE'))
				.map((l) => l.split(';').find((p) => p.startsWith('RSVP=')));
		expect(rsvp(buildInvite(invite()))).toEqual(Array(4).fill('RSVP=FALSE'));
		expect(rsvp(buildInvite(invite({ rsvp: false })))).toEqual(Array(4).fill('RSVP=FALSE'));
		expect(rsvp(buildInvite(invite({ rsvp: true })))).toEqual(Array(4).fill('RSVP=TRUE'));
	});

	it('keeps quotes and backslashes out of parameter values, which have no escapes', () => {
		const ics = buildInvite(
			invite({ attendees: [{ name: '张"三\\', email: 'z@x.example', role: 'CHAIR' }] })
		);
		expect(lines(ics).find((l) => l.startsWith('ATTENDEE'))).toContain(`;CN="张'三'":`);
	});

	it('ends every line in CRLF and folds at 75 octets without splitting a character', () => {
		const ics = buildInvite(
			invite({ summary: TITLE, description: DESCRIPTION, location: '会议室'.repeat(30) + '😀' })
		);
		expect(TITLE).toHaveLength(60);
		expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
		expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		// Split the bytes, not the string: a folded line must be valid UTF-8 on its own.
		const bytes = Buffer.from(ics, 'utf8');
		const strict = new TextDecoder('utf-8', { fatal: true });
		let from = 0;
		let folded = 0;
		for (let i = 0; i < bytes.length - 1; i++) {
			if (bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) continue;
			const line = bytes.subarray(from, i);
			expect(line.length).toBeLessThanOrEqual(75);
			expect(() => strict.decode(line)).not.toThrow();
			if (line[0] === 0x20) folded++;
			from = i + 2;
		}
		expect(folded).toBeGreaterThan(10);
		expect(values(ics, 'SUMMARY').map(text)).toEqual([TITLE]);
		expect(values(ics, 'DESCRIPTION').map(text)).toEqual([DESCRIPTION]);
	});

	it('escapes backslash, semicolon, comma and newlines in text', () => {
		const raw = '议题一; 议题二, 议题三\\附件\n第二行';
		const ics = buildInvite(invite({ summary: raw, location: 'A座;3楼,东侧', description: raw }));
		expect(values(ics, 'SUMMARY')).toEqual(['议题一\\; 议题二\\, 议题三\\\\附件\\n第二行']);
		expect(values(ics, 'LOCATION')).toEqual(['A座\\;3楼\\,东侧']);
		expect(values(ics, 'DESCRIPTION').map(text)).toEqual([raw]);
	});

	it('carries only time, place and 涉密会议 for a classified meeting', () => {
		const ics = buildInvite(
			invite({
				summary: TITLE,
				description: DESCRIPTION,
				url: 'https://x.example/m/7',
				classified: true
			})
		);
		expect(values(ics, 'URL')).toEqual([]);
		expect(values(ics, 'SUMMARY')).toEqual(['涉密会议']);
		expect(values(ics, 'DESCRIPTION')).toEqual([]);
		expect(values(ics, 'LOCATION')).toEqual(['机关大楼三楼第一会议室']);
		expect(values(ics, 'DTSTART')).toEqual(['20261201T013000Z']);
		expect(ics.replace(/\r\n /g, '')).not.toMatch(/安全生产|贯彻落实|听取/);
	});
});

describe('buildFeed', () => {
	const base = invite({ summary: '局务会议' });
	const feed = buildFeed('王局长的会议, 日程', [
		{ ...base, cancelled: false },
		{ ...base, uid: 'b2@huiban', sequence: 4, cancelled: true },
		{ ...base, uid: 'c3@huiban', summary: TITLE, cancelled: false, classified: true }
	]);

	it('has no METHOD and no attendees, and names the calendar', () => {
		expect(values(feed, 'METHOD')).toEqual([]);
		expect(feed).not.toContain('ATTENDEE');
		expect(values(feed, 'X-WR-CALNAME')).toEqual(['王局长的会议\\, 日程']);
		expect(feed.endsWith('END:VCALENDAR\r\n')).toBe(true);
	});

	it('keeps the invites’ UIDs and marks cancelled events', () => {
		expect(values(feed, 'UID')).toEqual(['a1b2c3@huiban', 'b2@huiban', 'c3@huiban']);
		expect(values(feed, 'STATUS')).toEqual(['CONFIRMED', 'CANCELLED', 'CONFIRMED']);
		expect(values(feed, 'SEQUENCE')).toEqual(['2', '4', '2']);
	});

	it('shows a classified meeting as 涉密会议 only', () => {
		expect(values(feed, 'SUMMARY')).toEqual(['局务会议', '局务会议', '涉密会议']);
		expect(feed.replace(/\r\n /g, '')).not.toContain('贯彻落实');
	});
});

describe('mailContent', () => {
	const mail = (o: Partial<MailInput> = {}): MailInput => ({
		kind: 'notice',
		title: '关于<年终考核>的局务会议',
		startsAt: '2026-12-01T01:30:00.000Z',
		endsAt: '2026-12-01T03:00:00.000Z',
		timeZone: 'Asia/Shanghai',
		place: '第一会议室',
		agenda: ['听取年度工作汇报', '研究考核办法'],
		requirements: '请携带述职材料\n着正装',
		contact: '李秘书 0571-88888888',
		classified: false,
		link: 'https://huiban.example/meetings/7?a=1&b=2',
		...o
	});

	it('lays out the notice with time in the office zone, place, agenda, requirements, contact', () => {
		const c = mailContent(mail());
		expect(c.subject).toBe('会议通知：关于<年终考核>的局务会议');
		expect(c.text).toContain('会议时间：2026年12月1日（星期二）09:30—11:00');
		expect(c.text).toContain('会议地点：第一会议室');
		expect(c.text).toContain('会议议程：\n  1. 听取年度工作汇报\n  2. 研究考核办法');
		expect(c.text).toContain('有关要求：请携带述职材料\n  着正装');
		expect(c.text).toContain('联系人：李秘书 0571-88888888');
		expect(c.text).toContain('https://huiban.example/meetings/7?a=1&b=2');
		expect(c.html).toContain('<li>研究考核办法</li>');
	});

	it('shows the wall time of another office zone and spans days', () => {
		const c = mailContent(mail({ timeZone: 'Asia/Urumqi', endsAt: '2026-12-02T10:00:00.000Z' }));
		expect(c.text).toContain('会议时间：2026年12月1日（星期二）07:30—12月2日（星期三）16:00');
	});

	it('titles each kind and leaves agenda and requirements out of a cancellation', () => {
		expect(mailContent(mail({ kind: 'update' })).subject).toMatch(/^会议变更通知：/);
		expect(mailContent(mail({ kind: 'reminder' })).subject).toMatch(/^会议提醒：/);
		const cancel = mailContent(mail({ kind: 'cancel' }));
		expect(cancel.subject).toMatch(/^会议取消通知：/);
		expect(cancel.text).not.toContain('会议议程');
		expect(cancel.text).not.toContain('有关要求');
	});

	it('escapes user text in the HTML body', () => {
		const c = mailContent(mail({ agenda: ['<script>alert(1)</script>'], place: 'A & "B"' }));
		expect(c.html).not.toMatch(/<script|<年终/);
		expect(c.html).toContain('关于&lt;年终考核&gt;的局务会议');
		expect(c.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
		expect(c.html).toContain('A &amp; &quot;B&quot;');
		expect(c.html).toContain('href="https://huiban.example/meetings/7?a=1&amp;b=2"');
	});

	it('leaks nothing but time, place and 涉密会议 for a classified meeting, in any kind', () => {
		for (const kind of ['notice', 'update', 'cancel', 'reminder'] as const) {
			const c = mailContent(mail({ kind, classified: true }));
			for (const part of [c.subject, c.text, c.html]) {
				expect(part).toContain('涉密会议');
				expect(part).toContain('2026年12月1日（星期二）09:30');
				expect(part).not.toMatch(/年终考核|述职|听取|研究考核|李秘书|0571|会议议程|有关要求/);
			}
			expect(c.text).toContain('会议地点：第一会议室');
		}
	});

	it('tells a removed person they need not come, without the agenda or a cancellation', () => {
		const c = mailContent(mail({ kind: 'removed', link: 'https://huiban.example/meetings' }));
		expect(c.subject).toBe('无需参加会议通知：关于<年终考核>的局务会议');
		expect(c.text).toContain('您无需参加以下会议');
		expect(c.text).not.toMatch(/取消通知|已取消|会议议程|有关要求/);
		expect(c.text).toContain('会议时间：2026年12月1日（星期二）09:30—11:00');
		expect(c.text).toContain('您的会议安排请登录系统查看：https://huiban.example/meetings');
	});

	it('gives the cancel reason, except for a classified meeting', () => {
		const c = mailContent(mail({ kind: 'cancel', cancelReason: '与市政府会议冲突' }));
		expect(c.text).toContain('取消原因：与市政府会议冲突');
		expect(c.html).toContain('<strong>取消原因：</strong>与市政府会议冲突');
		const secret = mailContent(
			mail({ kind: 'cancel', cancelReason: '与市政府会议冲突', classified: true })
		);
		expect(secret.text + secret.html).not.toContain('与市政府会议冲突');
	});

	it('lists what changed, old → new, and hides a classified meeting’s name and agenda', () => {
		const changes = [
			{ field: 'place' as const, before: '第一会议室', after: '第二会议室' },
			{ field: 'agenda' as const, before: '听取汇报', after: '研究考核办法' },
			{ field: 'role' as const, before: '出席', after: '列席' }
		];
		const c = mailContent(mail({ kind: 'update', changes }));
		expect(c.text).toContain(
			'变更内容：\n会议地点：第一会议室 → 第二会议室\n会议议程：听取汇报 → 研究考核办法'
		);
		expect(c.text).toContain('您的参会身份：出席 → 列席');
		expect(c.html).toContain('<p>会议地点：第一会议室 → 第二会议室</p>');
		const secret = mailContent(mail({ kind: 'update', changes, classified: true }));
		expect(secret.text).toContain('会议地点：第一会议室 → 第二会议室');
		expect(secret.text).toContain('会议内容有调整，详情请登录系统查看。');
		expect(secret.text).not.toMatch(/听取汇报|研究考核/);
	});

	it('tells a deputy whose place they take', () => {
		const c = mailContent(mail({ deputyFor: '林海燕' }));
		expect(c.text).toContain('受林海燕委托，请您代林海燕参加本次会议');
		expect(mailContent(mail({ kind: 'removed', deputyFor: '林海燕' })).text).not.toContain('委托');
	});
});

describe('meetingChanges', () => {
	const view = (o: Partial<MeetingView> = {}): MeetingView => ({
		title: '局务会议',
		startsAt: '2026-12-01T01:30:00.000Z',
		endsAt: '2026-12-01T03:00:00.000Z',
		place: '第一会议室',
		agenda: ['听取汇报'],
		...o
	});

	it('finds nothing in an unchanged meeting', () => {
		expect(meetingChanges(view(), view(), 'Asia/Shanghai')).toEqual([]);
	});

	it('names each visible change with the old and new value in the office zone', () => {
		const after = view({
			title: '局务扩大会议',
			startsAt: '2026-12-01T06:30:00.000Z',
			endsAt: '2026-12-01T08:00:00.000Z',
			place: '第二会议室',
			agenda: ['听取汇报', '研究考核']
		});
		expect(meetingChanges(view(), after, 'Asia/Shanghai')).toEqual([
			{ field: 'title', before: '局务会议', after: '局务扩大会议' },
			{
				field: 'time',
				before: '2026年12月1日（星期二）09:30—11:00',
				after: '2026年12月1日（星期二）14:30—16:00'
			},
			{ field: 'place', before: '第一会议室', after: '第二会议室' },
			{ field: 'agenda', before: '听取汇报', after: '听取汇报；研究考核' }
		]);
	});
});

describe('stampIcs', () => {
	it('puts the send time in DTSTAMP and leaves the rest as built', () => {
		const ics = buildInvite(invite());
		const sent = stampIcs(ics, new Date('2026-11-21T09:10:11.123Z'));
		expect(values(sent, 'DTSTAMP')).toEqual(['20261121T091011Z']);
		expect(sent.replace(/DTSTAMP:[^\r]*/, '')).toBe(ics.replace(/DTSTAMP:[^\r]*/, ''));
	});
});
