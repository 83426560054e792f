import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
	appendMail,
	buildReplyMail,
	startDovecot,
	type TestDovecot
} from '../../src/lib/server/testing/dovecot';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';
import { icsMethod, startSmtp } from './smtp';
import { issueNotice, saveMeetingDraft } from './meeting-steps';

const TZ = 'Asia/Shanghai';

/** Wall-clock date and time in Beijing, `minutes` from now, rounded to five minutes. */
function beijing(minutes: number) {
	const t = new Date(Math.ceil((Date.now() + minutes * 60_000) / 300_000) * 300_000);
	const f = (o: Intl.DateTimeFormatOptions) =>
		new Intl.DateTimeFormat('en-CA', { timeZone: TZ, ...o }).format(t);
	return {
		date: f({ year: 'numeric', month: '2-digit', day: '2-digit' }),
		time: f({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
	};
}

for (const dialect of e2eDialects('sqlite')) {
	describe(`a decline in a calendar client reaches the meeting page [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let office: Page;
		let smtp: Awaited<ReturnType<typeof startSmtp>>;
		let dovecot: TestDovecot;
		let imapUrl = '';
		const mailbox = `Replies-${dialect}`;

		beforeAll(async () => {
			[smtp, dovecot] = await Promise.all([startSmtp(), startDovecot()]);
			imapUrl = dovecot.url().replace('/INBOX?', `/${mailbox}?`);
			[app, browser] = await Promise.all([
				startApp(dialect, {
					SMTP_URL: smtp.url,
					IMAP_URL: imapUrl,
					SCHEDULER_INTERVAL_MS: '1000'
				}),
				launchBrowser()
			]);
			office = await newPage(browser, app.url);
			await setupWithDemo(office);
			await office.context().clearCookies();
			await signIn(office, 'zhouwenbin', DEMO_PASSWORD); // 办公室主任
			await office.getByRole('heading', { name: '我的工作台' }).waitFor();
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
			await smtp?.stop();
			await dovecot?.stop();
		});

		it('the office issues a notice; the invite asks for a reply; a DECLINE shows as 请假', async () => {
			const start = beijing(60);
			const end = beijing(120);
			const meetingUrl = await saveMeetingDraft(office, {
				title: '日历回复测试会议',
				date: start.date,
				endDate: end.date,
				start: start.time,
				end: end.time,
				room: '第二会议室（20 座）',
				department: '政策法规科',
				topic: '本周工作安排'
			});
			await issueNotice(office);

			// The invite the participant's mail client received (not a demo meeting's reminder that
			// the wall clock made due meanwhile).
			const invites = () =>
				smtp.mails.filter(
					(m) =>
						icsMethod(m) === 'REQUEST' &&
						JSON.stringify(m.to).includes('linhaiyan') &&
						(m.subject ?? '').includes('日历回复测试会议')
				);
			await expect.poll(() => invites().length, { timeout: 20_000 }).toBe(1);
			const mail = invites()[0];
			const ics = mail.attachments
				.find((a) => a.contentType.startsWith('text/calendar'))!
				.content.toString('utf8');
			expect(ics).toContain('RSVP=TRUE');
			const name = (Array.isArray(mail.to) ? mail.to[0] : mail.to)!.value[0].name;

			// Their calendar client declines: Python's icalendar builds the REPLY, delivered to the
			// organiser mailbox.
			await appendMail(imapUrl, mailbox, buildReplyMail(ics, { partstat: 'DECLINED' }));
			// The section head's client answers 暂定 with a comment: the reply stays open, with the note.
			const other = smtp.mails.find(
				(m) => icsMethod(m) === 'REQUEST' && JSON.stringify(m.to).includes('huguoping')
			)!;
			const otherTo = (Array.isArray(other.to) ? other.to[0] : other.to)!.value[0];
			const otherIcs = other.attachments
				.find((a) => a.contentType.startsWith('text/calendar'))!
				.content.toString('utf8');
			await appendMail(
				imapUrl,
				mailbox,
				buildReplyMail(otherIcs, {
					partstat: 'TENTATIVE',
					from: otherTo.address,
					attendee: otherTo.address,
					comment: '可能临时出差'
				})
			);

			// The administrator fetches now on the outbox page.
			const admin = await newPage(browser, app.url);
			await signIn(admin, 'sysadmin', 'Sys-Admin-2026');
			await admin.getByRole('heading', { name: '我的工作台' }).waitFor();
			await admin.goto('/admin/outbox');
			// The section by its own heading (its empty state's heading also holds the words).
			const section = admin.getByRole('region', { name: '日历回复', exact: true });
			await section.getByText('已开启，收取邮箱').waitFor();
			await expect(section.textContent()).resolves.not.toContain(dovecot.pass);
			await section.getByRole('button', { name: '立即收取' }).click();
			await section.getByText(/^已收取：处理日历回复 \d+ 封$/).waitFor();
			await admin.reload();
			await section.getByRole('cell', { name: '已记为请假' }).waitFor();
			await admin.screenshot({
				path: `/tmp/huiban-calendar-replies-admin-${dialect}.png`,
				fullPage: true
			});
			await admin.context().close();

			// The organiser sees the reply on the meeting page.
			await office.goto(meetingUrl);
			const replies = office.locator('section', {
				has: office.getByRole('heading', { name: /^回执情况/ })
			});
			const row = replies.locator('tbody tr', { hasText: name });
			await row.getByText('请假').first().waitFor();
			await row.getByText('通过日历客户端拒绝').waitFor();
			const tentativeRow = replies.locator('tbody tr', { hasText: otherTo.name });
			await tentativeRow.getByText('未回执').waitFor();
			await tentativeRow.getByText('日历客户端回复“暂定”：可能临时出差').waitFor();
			await office.screenshot({
				path: `/tmp/huiban-calendar-reply-${dialect}.png`,
				fullPage: true
			});

			// The participant is asked in the app to add a reason.
			const person = await newPage(browser, app.url);
			await signIn(person, 'linhaiyan', DEMO_PASSWORD);
			await person.getByRole('heading', { name: '我的工作台' }).waitFor();
			await person.goto('/notifications');
			await person.getByText('请补充请假原因').first().waitFor();
			await person.context().close();
		});
	});
}
