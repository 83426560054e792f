import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { completeSetup, launchBrowser, newPage } from './browser';

const ZH_NAV = ['工作台', '会议', '督办', '值班', '请销假', '学习', '管理'];
const EN_NAV = ['Dashboard', 'Meetings', 'Supervision', 'Duty', 'Leave', 'Study', 'Admin'];

for (const dialect of e2eDialects('sqlite')) {
	describe(`app shell: language, and the modules an administrator does not use [${dialect}]`, () => {
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
			await page.getByRole('heading', { name: 'Study', exact: true }).waitFor();
			await page.getByText('Your account keeps no study records.').waitFor();

			await page.getByRole('button', { name: '中文' }).click();
			await page.getByRole('heading', { name: '学习', exact: true }).waitFor();
			await page.locator('html[data-ready]').waitFor({ state: 'attached' });
			await expect(navLinks().allInnerTexts()).resolves.toEqual(ZH_NAV);
			await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
			await page.getByRole('button', { name: '退出' }).waitFor();
		});

		// 三员分立: the administrator holds system powers only — no leave, no study records, and
		// no made-up ones either.
		for (const [path, title, words] of [
			['/leave', '请销假', '您的账号不办理请假：系统管理员和安全审计员只行使系统职权。'],
			['/study', '学习', '您的账号不记录学习情况。']
		]) {
			it(`shows ${title} to the administrator without records of their own`, async () => {
				const res = await page.goto(path);
				expect(res?.status()).toBe(200);
				const main = page.locator('main#main');
				await main.getByRole('heading', { level: 1, name: title, exact: true }).waitFor();
				await main.getByText(words).waitFor();
				await expect(main.locator('table, form').count()).resolves.toBe(0);
				// The navigation marks where the user is.
				await expect(
					navLinks().filter({ hasText: title }).getAttribute('aria-current')
				).resolves.toBe('page');
			});
		}
	});
}
