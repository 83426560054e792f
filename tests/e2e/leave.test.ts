import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

const TZ = 'Asia/Shanghai';

/** Today's date in Beijing (the office's zone), YYYY-MM-DD. */
function beijingToday(): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: TZ,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(new Date());
}

function plusDays(date: string, n: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

for (const dialect of e2eDialects()) {
	describe(`请假 from request to 销假, on a phone [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		/** 谭敏, 人事科 staff, on a phone (working since 2019: 5 days of 年休假, later 10). */
		let staff: Page;
		let leaveUrl = '';
		let endDate = '';
		let entitled = 0;

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
		});
	});
}
