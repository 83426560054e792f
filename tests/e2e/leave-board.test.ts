import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

// 外出报备, 在岗情况 and 请休假统计 (issue 11): 沈嘉怡 of 政策法规科 reports an outing on her
// phone, her head 胡国平 sees her out on the board and in the department's list, she marks
// herself back; the office reads the year's statistics and downloads them as .xlsx.

const PERSON = '沈嘉怡';
const WHERE = '市政务服务中心';

for (const dialect of e2eDialects('postgres')) {
	describe(`outings, board and statistics [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;

		async function as(username: string, phone = false): Promise<Page> {
			const page = await newPage(browser, app.url, phone);
			await signIn(page, username, DEMO_PASSWORD);
			await page.getByRole('heading', { name: '我的工作台' }).waitFor();
			return page;
		}

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			const admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
			await admin.context().close();
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('reports an outing on a phone, the head sees it, she marks herself back', async () => {
			const staff = await as('shenjiayi', true);
			await staff.goto('/leave/outings');
			// A return before going out is refused with the field's message.
			await staff.getByLabel('外出时间').fill('14:00');
			await staff.getByLabel('预计返回').fill('13:00');
			await staff.getByLabel('去向').fill(WHERE);
			await staff.getByLabel('事由').fill('报送行政执法案卷');
			await staff.getByRole('button', { name: '提交报备' }).click();
			await staff.getByText('预计返回时间应晚于外出时间').first().waitFor();
			// The whole day, so that it is under way whenever the test runs.
			await staff.getByLabel('外出时间').fill('00:00');
			await staff.getByLabel('预计返回').fill('23:59');
			await staff.getByRole('button', { name: '提交报备' }).click();
			await staff.getByText('已报备，部门负责人已收到通知').waitFor();
			const mine = staff.locator('section', { hasText: '我的外出报备' });
			await mine.getByText(WHERE).waitFor();
			await mine.getByText('外出中').waitFor();

			const head = await as('huguoping');
			await head.goto('/leave/board');
			const card = head.locator('section.dept', { hasText: '政策法规科' });
			await card.getByText(PERSON).waitFor();
			await card.getByText('外出中').waitFor();
			expect(await head.locator('section.dept').count()).toBe(1);
			await head.goto('/leave/outings');
			await head.locator('section', { hasText: '本部门今日外出' }).getByText(PERSON).waitFor();

			await staff.getByRole('button', { name: '我已返回' }).click();
			await staff.getByText('已记录您的返回时间').waitFor();
			await mine.getByText('已返回').waitFor();
			expect(await staff.getByRole('button', { name: '我已返回' }).count()).toBe(0);
			await head.goto('/leave/board');
			await card.getByText('已返回').waitFor();
		});

		it('the office reads the statistics and downloads them; staff may not', async () => {
			const office = await as('zhouwenbin');
			await office.goto('/leave/stats');
			await office.getByRole('heading', { name: '请休假统计' }).waitFor();
			await office.getByRole('heading', { name: '按部门汇总' }).waitFor();
			const [download] = await Promise.all([
				office.waitForEvent('download'),
				office.getByRole('link', { name: '导出 Excel' }).click()
			]);
			const wb = new ExcelJS.Workbook();
			await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
			const header = (wb.worksheets[0].getRow(2).values as unknown[]).slice(1, 5);
			expect(header).toEqual(['姓名', '部门', '年休假应休', '年休假已休']);

			const staff = await as('shenjiayi');
			const refused = await staff.goto('/leave/stats');
			expect(refused?.status()).toBe(403);
		});
	});
}
