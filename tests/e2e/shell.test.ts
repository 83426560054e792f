import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { completeSetup, launchBrowser, newPage } from './browser';

const ZH_NAV = ['工作台', '会议', '督办', '值班', '请销假', '学习', '管理'];
const EN_NAV = ['Dashboard', 'Meetings', 'Supervision', 'Duty', 'Leave', 'Study', 'Admin'];

for (const dialect of e2eDialects()) {
	describe(`app shell: language and modules not built yet [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let page: Page;

		const navLinks = () =>
			page.getByRole('navigation', { name: /主导航|Main navigation/ }).getByRole('link');

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			page = await newPage(browser, app.url);
			await completeSetup(page, {
				office: '某市统计局',
				name: '周敏',
				username: 'zhoumin',
				password: 'Shell-Admin-2026'
			});
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('switches the interface to English and back to Chinese', async () => {
			await expect(navLinks().allInnerTexts()).resolves.toEqual(ZH_NAV);

			await page.getByRole('button', { name: 'English' }).click();
			await page.getByRole('heading', { name: 'My dashboard' }).waitFor();
			await page.locator('html[data-ready]').waitFor({ state: 'attached' });
			await expect(navLinks().allInnerTexts()).resolves.toEqual(EN_NAV);
			await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
			await page.getByText('Hello, 周敏').waitFor();
			await page.getByRole('button', { name: 'Sign out' }).waitFor();

			// The choice is remembered: a fresh load of another page stays in English.
			await page.goto('/study');
			await page.getByRole('heading', { name: 'Study' }).waitFor();
			await page.getByText('This module is not available yet').waitFor();

			await page.getByRole('button', { name: '中文' }).click();
			await page.getByRole('heading', { name: '学习', exact: true }).waitFor();
			await page.locator('html[data-ready]').waitFor({ state: 'attached' });
			await expect(navLinks().allInnerTexts()).resolves.toEqual(ZH_NAV);
			await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
			await page.getByRole('button', { name: '退出' }).waitFor();
		});

		for (const [path, title, about] of [
			['/leave', '请销假', '请假、外出报备'],
			['/study', '学习', '集中学习、自学记录']
		]) {
			it(`shows ${title} as not available yet, with no made-up records`, async () => {
				const res = await page.goto(path);
				expect(res?.status()).toBe(200);
				const main = page.locator('main#main');
				await main.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
				await main.getByText(about).waitFor();
				await main.getByRole('heading', { name: '此模块尚未开通' }).waitFor();
				await main.getByText('功能正在建设中，开通后会在这里显示真实数据。').waitFor();
				// Nothing but the explanation: no tables, lists, links, forms or buttons.
				await expect(main.locator('table, ul, ol, li, form, a, button').count()).resolves.toBe(0);
				await expect(main.innerText()).resolves.not.toMatch(/\d/);
				// The navigation marks where the user is.
				await expect(
					navLinks().filter({ hasText: title }).getAttribute('aria-current')
				).resolves.toBe('page');
			});
		}
	});
}
