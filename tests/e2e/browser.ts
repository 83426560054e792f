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

export const DEMO_PASSWORD = 'Demo@2026';

/** First-run setup through the form; leaves the new administrator signed in at home. */
export async function completeSetup(
	page: Page,
	o: { office: string; name: string; username: string; password: string; demo?: boolean }
): Promise<void> {
	await page.goto('/setup');
	await page.getByLabel('单位名称').fill(o.office);
	await page.getByLabel('姓名').fill(o.name);
	await page.getByLabel('用户名').fill(o.username);
	await page.getByLabel('密码', { exact: true }).fill(o.password);
	await page.getByLabel('确认新密码').fill(o.password);
	if (o.demo) await page.getByLabel(/载入演示单位/).check();
	await page.getByRole('button', { name: '完成设置' }).click();
	await page.getByRole('heading', { name: '我的工作台' }).waitFor();
}

/** First-run setup with the demo bureau loaded; leaves the administrator signed in at home. */
export function setupWithDemo(page: Page): Promise<void> {
	return completeSetup(page, {
		office: '某市某局',
		name: '系统管理员',
		username: 'sysadmin',
		password: 'Sys-Admin-2026',
		demo: true
	});
}
