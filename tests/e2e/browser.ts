import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchChromium } from '../../scripts/launch.js';

export { chromiumPath };

export function launchBrowser(): Promise<Browser> {
	return launchChromium();
}

const pages = new Set<Page>();

/** Pages still open, for the failure report. */
export function openPages(): Page[] {
	return [...pages].filter((p) => !p.isClosed());
}

export async function newPage(browser: Browser, baseURL: string, phone = false): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		...(phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {})
	});
	const page = await context.newPage();
	// After a full page load, wait until the app has hydrated, as a person waits for a page to
	// finish loading: earlier clicks would reach the server-rendered HTML only.
	const goto = page.goto.bind(page);
	page.goto = async (url, options) => {
		const response = await goto(url, options);
		if (response?.headers()['content-type']?.startsWith('text/html')) {
			await page.locator('html[data-ready]').waitFor({ state: 'attached' });
		}
		return response;
	};
	pages.add(page);
	page.once('close', () => pages.delete(page));
	return page;
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('用户名').fill(username);
	await page.getByLabel('密码', { exact: true }).fill(password);
	await page.getByRole('button', { name: '登录' }).click();
}
