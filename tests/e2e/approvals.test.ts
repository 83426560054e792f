import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';
import { beijingDate } from './dates';

for (const dialect of e2eDialects('postgres')) {
	describe(`审批规则 and 代理审批人 [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let admin: Page;

		async function as(username: string, onPhone = false): Promise<Page> {
			const page = await newPage(browser, app.url, onPhone);
			await signIn(page, username, DEMO_PASSWORD);
			await page.getByRole('heading', { name: '我的工作台' }).waitFor();
			return page;
		}

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('the administrator edits the rules table, is told what is wrong, and restores the default', async () => {
			await admin.goto('/admin/approval-rules');
			await admin.getByRole('heading', { name: '审批规则', level: 1 }).waitFor();
			await admin.getByText('≤1天：科室负责人').waitFor();
			const second = admin.locator('ol.rules > li').nth(1);
			await second.getByLabel('最少天数').fill('3');
			await admin.getByText('3—1天：科室负责人').waitFor();
			await admin.getByRole('button', { name: '保存规则' }).click();
			await second.getByText('最少天数不能大于最多天数').waitFor();
			await second.getByLabel('最少天数').fill('');
			await second.getByLabel('病假').check();
			await admin.getByText('≤1天，病假：科室负责人').waitFor();
			await admin.getByRole('button', { name: '保存规则' }).click();
			await admin.getByText('审批规则已保存').waitFor();
			expect(await admin.getByText('当前为默认规则').count()).toBe(0);
			await admin.getByRole('button', { name: '恢复默认' }).click();
			await admin.getByRole('dialog').getByRole('button', { name: '恢复默认' }).click();
			await admin.getByText('已恢复默认规则').waitFor();
			await admin.getByText('当前为默认规则').waitFor();
		});

		it('a department head names a stand-in, who then sees the head’s waiting leave marked 代', async () => {
			const head = await as('huguoping');
			await head.goto('/leave/delegations');
			await head.getByRole('combobox', { name: '代理审批人' }).fill('沈嘉怡');
			await head
				.getByRole('treeitem', { name: /沈嘉怡/ })
				.first()
				.click();
			await head.getByLabel('结束日期').fill(beijingDate(7));
			await head.getByLabel('事由', { exact: true }).fill('外出学习');
			await head.getByRole('button', { name: '设置代理' }).click();
			await head.getByText('已设置代理审批人').waitFor();
			await head.getByText('外出学习').waitFor();
			await head.context().close();

			// The demo's 1 day of 事假 of 洪少东 waits for 胡国平.
			const standIn = await as('shenjiayi', true);
			await standIn.getByRole('heading', { name: '待审批' }).waitFor();
			await standIn.goto('/leave/approvals');
			const row = standIn.getByRole('row').filter({ hasText: '洪少东' }).first();
			await row.getByText('代胡国平').waitFor();
			const href = await row.getByRole('link').first().getAttribute('href');
			expect(href).toMatch(/^\/leave\/\d+$/);
			const overflow = await standIn.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth
			);
			expect(overflow).toBeLessThanOrEqual(0);
			await standIn.context().close();
		});
	});
}
