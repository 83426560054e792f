import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';
import { beijingToday, plusDays } from './dates';
import { issueNotice, saveMeetingDraft } from './meeting-steps';

// The issue's journey, dates relative to the office's today: 谭敏 (人事科 staff) asks on a phone
// for 3 days of 年休假 from today; the office has a meeting of 人事科 on her last day; her head and
// her 分管领导 approve; the meeting then shows her 请假 with the leave as the reason, and a roster
// generated for her first days leaves her out; she reports back (销假) a day early, the day comes
// back to her balance and the meeting asks for her reply again.

const PERSON = '谭敏';
const MEETING = '人事科工作例会';

for (const dialect of e2eDialects('sqlite')) {
	describe(`请假 from request to 销假, on a phone [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		/** 谭敏, 人事科 staff, on a phone (working since 2019: 5 days of 年休假, later 10). */
		let staff: Page;
		let leaveUrl = '';
		let endDate = '';
		let entitled = 0;
		let office: Page;
		let meetingUrl = '';
		const monthDay = (date: string) =>
			`${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

		async function as(username: string, onPhone = false): Promise<Page> {
			const page = await newPage(browser, app.url, onPhone);
			await signIn(page, username, DEMO_PASSWORD);
			await page.getByRole('heading', { name: '我的工作台' }).waitFor();
			return page;
		}

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			const admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
			await admin.context().close();
			staff = await as('tanmin', true);
			office = await as('zhouwenbin'); // 办公室主任
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('a staff member asks for 3 days of 年休假 from today, counted as they type', async () => {
			await staff.goto('/leave');
			// 5 days while under 10 years of service (from 2019), 10 after: read, not assumed.
			entitled = Number((await staff.getByTestId('left-annual').innerText()).replace('天', ''));
			expect(entitled).toBeGreaterThanOrEqual(5);
			await staff.getByTestId('leave-new').click();
			await staff.getByRole('heading', { name: '请假申请' }).waitFor();
			await staff.getByTestId('leave-left').getByText(`年休假剩余 ${entitled} 天`).waitFor();
			const today = beijingToday();
			await staff.getByLabel('开始日期').fill(today);
			// The end that makes exactly three working days (weekends and holidays skipped).
			for (let n = 2; n < 20 && !endDate; n++) {
				await staff.getByLabel('结束日期').fill(plusDays(today, n));
				const text = await staff.getByTestId('leave-days').innerText();
				if (text.includes('共 3 天（按工作日计，已扣除周末和节假日）'))
					endDate = plusDays(today, n);
			}
			expect(endDate).not.toBe('');
			await staff.getByTestId('leave-chain').getByText('审批流程：科室负责人 → 分管领导').waitFor();
			await staff.getByLabel('请假事由').fill('回老家看望父母');
			await staff.getByLabel('去向').fill('江西南昌');
			await staff.getByTestId('leave-submit').click();
			await staff.getByText('请假申请已提交。').waitFor();
			await staff.getByTestId('leave-status').getByText('审批中').waitFor();
			leaveUrl = new URL(staff.url()).pathname;
			expect(leaveUrl).toMatch(/^\/leave\/\d+$/);
			// Forms stack on a phone: nothing is wider than the screen.
			const overflow = await staff.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth
			);
			expect(overflow).toBeLessThanOrEqual(0);
		});

		it('the office calls 人事科 to a meeting on her last day of leave', async () => {
			meetingUrl = await saveMeetingDraft(office, {
				title: MEETING,
				date: endDate,
				start: '09:00',
				end: '10:00',
				place: '机关大楼 3 楼',
				department: '人事科',
				topic: '部署本月人事工作'
			});
			await issueNotice(office);
			const row = office.getByRole('row', { name: new RegExp(PERSON) });
			await row.getByText('未回执', { exact: true }).waitFor();
		});

		it('the department head and then the 分管领导 approve it', async () => {
			for (const [username, name] of [
				['huangshufen', '黄淑芬'],
				['liuweidong', '刘卫东']
			]) {
				const approver = await as(username);
				await approver.goto('/leave/approvals');
				await approver.locator(`a[href="${leaveUrl}"]`).first().click();
				await approver.getByLabel('审批意见').fill('同意');
				await approver.getByTestId('leave-approve').click();
				await approver.getByText('已提交审批意见。').waitFor();
				await approver.getByText(name).first().waitFor();
				await approver.context().close();
			}
			await staff.goto(leaveUrl);
			await staff.getByTestId('leave-status').getByText('已批准').waitFor();
			await staff.goto('/leave');
			await staff
				.getByTestId('left-annual')
				.getByText(`${entitled - 3}天`)
				.waitFor();
		});

		it('she shows 请假 on the meeting, with the leave as the reason', async () => {
			await office.goto(meetingUrl);
			const row = office.getByRole('row', { name: new RegExp(PERSON) });
			await row.getByText('请假', { exact: true }).waitFor();
			await row.getByText(/^年休假 .+（已批准）$/).waitFor();
		});

		it('a roster generated for her days off leaves her out', async () => {
			const today = beijingToday();
			await office.goto('/duty/unavailability');
			await office
				.getByRole('row', { name: new RegExp(PERSON) })
				.getByText('年休假（请假审批通过）')
				.waitFor();
			await office.goto('/duty/new');
			await office.getByLabel('自定日期范围').check();
			await office.getByLabel('开始日期').fill(today);
			await office.getByLabel('结束日期').fill(plusDays(today, 1));
			await office.getByLabel('值班期名称').fill('请假期间值班');
			await office.getByRole('button', { name: '创建值班期' }).click();
			await office.getByRole('heading', { name: /^值班设置/ }).waitFor();
			await office.goto(new URL(office.url()).pathname.replace(/\/setup$/, ''));
			await office.getByRole('button', { name: '自动排班' }).click();
			await office.getByText('已自动排班，请核对后发布').waitFor();
			await office.getByRole('table').getByText(monthDay(today)).first().waitFor();
			await expect(
				office.getByRole('table').getByText(PERSON, { exact: true }).count()
			).resolves.toBe(0);
		});

		it("her head sees the leave in the department's leave calendar; staff do not open it", async () => {
			const head = await as('huangshufen');
			await head.goto(`/leave/calendar?month=${endDate.slice(0, 7)}`);
			await head.getByRole('heading', { name: '请假日历' }).waitFor();
			await head
				.getByRole('link', { name: new RegExp(`^${PERSON} .*${monthDay(endDate)}.*年休假`) })
				.first()
				.waitFor();
			await head.context().close();
			const refused = await staff.goto('/leave/calendar');
			expect(refused?.status()).toBe(403);
		});

		it('销假 a day early gives the day back', async () => {
			await staff.goto(leaveUrl);
			await staff.getByLabel('实际返岗日期').fill(endDate);
			await staff.getByTestId('report-preview').getByText('提前返岗，退回 1 天。').waitFor();
			const button = staff.getByTestId('leave-report');
			const box = await button.boundingBox();
			const width = await staff.evaluate(() => window.innerWidth);
			expect(box && box.width > width * 0.6, 'a full-width button on a phone').toBe(true);
			await button.click();
			await staff.getByText('已销假。').waitFor();
			await staff.getByTestId('leave-status').getByText('已销假').waitFor();
			await staff.goto('/leave');
			await staff
				.getByTestId('left-annual')
				.getByText(`${entitled - 2}天`)
				.waitFor();
			// Back at work on the meeting's day: the meeting asks for her reply again.
			await office.goto(meetingUrl);
			await office
				.getByRole('row', { name: new RegExp(PERSON) })
				.getByText('未回执', { exact: true })
				.waitFor();
		});
	});
}
