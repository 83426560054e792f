import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

// Approved leave reaching meetings and duty (issue 11): 文涛 of 政策法规科 is invited to a
// meeting, asks for a day of 事假 on that day, his head 胡国平 approves — the meeting's replies
// then show him excused for the leave, and a roster generated for that day leaves him out.

const TZ = 'Asia/Shanghai';
const PERSON = '文涛';
const TITLE = '政策法规科请假联动测试会';

/** A Wednesday five to six weeks from today in Beijing: a working day with no roster yet. */
function leaveDay(): string {
	const today = new Intl.DateTimeFormat('en-CA', {
		timeZone: TZ,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(new Date());
	const d = new Date(`${today}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 35);
	while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
	// Clear of 元旦 (1–3 January), the one holiday a Wednesday five weeks out may hit.
	if (d.getUTCMonth() === 0 && d.getUTCDate() <= 3) d.setUTCDate(d.getUTCDate() + 7);
	return d.toISOString().slice(0, 10);
}

for (const dialect of e2eDialects()) {
	describe(`approved leave in meetings and rosters [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let office: Page;
		let meetingUrl = '';
		const day = leaveDay();
		const monthDay = `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

		async function as(username: string): Promise<Page> {
			const page = await newPage(browser, app.url);
			await signIn(page, username, DEMO_PASSWORD);
			await page.getByRole('heading', { name: '我的工作台' }).waitFor();
			return page;
		}

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			const admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
			await admin.context().close();
			office = await as('zhouwenbin'); // 办公室主任
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('shows 请假 on a meeting the person was invited to once the leave is approved', async () => {
			await office.goto('/meetings/new');
			await office.getByLabel('会议名称').fill(TITLE);
			await office.getByLabel('会议类型').selectOption({ label: '工作会议' });
			await office.getByLabel('日期', { exact: true }).fill(day);
			await office.getByLabel('开始时间').fill('09:00');
			await office.getByLabel('结束时间').fill('10:00');
			await office.getByLabel('会议地点').fill('机关大楼 3 楼');
			await office.getByLabel('政策法规科 全部门出席').check();
			await office.getByLabel('第 1 项议题').fill('请假联动');
			await office.getByRole('button', { name: '保存草稿' }).click();
			await office.getByText('已保存').waitFor();
			meetingUrl = new URL(office.url()).pathname;
			await office.getByRole('button', { name: '发出通知' }).click();
			await office
				.getByRole('dialog', { name: '发出会议通知？' })
				.getByRole('button', { name: '确认发出' })
				.click();
			await office.getByText('通知已发出').waitFor();

			const applicant = await as('wentao');
			await applicant.goto('/leave/new');
			await applicant.getByLabel('假别').selectOption({ label: '事假' });
			await applicant.getByLabel('开始日期').fill(day);
			await applicant.getByLabel('结束日期').fill(day);
			await applicant.getByLabel('请假事由').fill('家中有事');
			await applicant.getByTestId('leave-submit').click();
			await applicant.getByText('请假申请已提交。').waitFor();
			const leaveUrl = new URL(applicant.url()).pathname;

			const head = await as('huguoping'); // 政策法规科 科长
			await head.goto(leaveUrl);
			await head.getByTestId('leave-approve').click();
			await head.getByText('已提交审批意见。').waitFor();

			await office.goto(meetingUrl);
			const row = office.getByRole('row', { name: new RegExp(PERSON) });
			await row.getByText('请假', { exact: true }).waitFor();
			await row.getByText(`事假 ${monthDay}（已批准）`).waitFor();

			// The department leave calendar: the head sees the day marked 事 in his department.
			await head.goto(`/leave/calendar?month=${day.slice(0, 7)}`);
			await head.getByRole('heading', { name: '请假日历' }).waitFor();
			const cell = head.getByRole('link', {
				name: new RegExp(`^${PERSON} .*${monthDay}.*事假`)
			});
			await expect(cell.innerText()).resolves.toBe('事');
			// On a phone the grid scrolls inside its box; the page itself does not widen.
			const phone = await newPage(browser, app.url, true);
			await signIn(phone, 'huguoping', DEMO_PASSWORD);
			await phone.getByRole('heading', { name: '我的工作台' }).waitFor();
			await phone.goto(`/leave/calendar?month=${day.slice(0, 7)}`);
			await phone.getByRole('link', { name: new RegExp(`^${PERSON} `) }).waitFor();
			await expect(
				phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)
			).resolves.toBe(true);
			await phone.context().close();
			// Staff do not open it.
			const refused = await applicant.goto('/leave/calendar');
			expect(refused?.status()).toBe(403);
			await applicant.context().close();
			await head.context().close();
		});

		it('leaves the person out of the next roster generation', async () => {
			await office.goto('/duty/unavailability');
			const entry = office.getByRole('row', { name: new RegExp(PERSON) });
			await entry.getByText('事假（请假审批通过）').waitFor();

			await office.goto('/duty/new');
			await office.getByLabel('自定日期范围').check();
			await office.getByLabel('开始日期').fill(day);
			await office.getByLabel('结束日期').fill(day);
			await office.getByLabel('值班期名称').fill('请假联动测试值班');
			await office.getByRole('button', { name: '创建值班期' }).click();
			await office.getByRole('heading', { name: /^值班设置/ }).waitFor();
			const rosterUrl = new URL(office.url()).pathname.replace(/\/setup$/, '');
			await office.goto(rosterUrl);
			await office.getByRole('button', { name: '自动排班' }).click();
			await office.getByText('已自动排班，请核对后发布').waitFor();
			await office.getByRole('table').getByText(monthDay).first().waitFor();
			await expect(
				office.getByRole('table').getByText(PERSON, { exact: true }).count()
			).resolves.toBe(0);
		});
	});
}
