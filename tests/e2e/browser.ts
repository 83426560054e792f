import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchChromium } from '../../scripts/launch.js';

export { chromiumPath };

export function launchBrowser(): Promise<Browser> {
	return launchChromium();
}

export async function newPage(browser: Browser, baseURL: string, phone = false): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {})
	});
	return context.newPage();
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码', { exact: true }).fill(password);
	await page.getByRole('button', { name: '登录' }).click();
}
