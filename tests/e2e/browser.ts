import { chromium, type Browser, type Page } from 'playwright-core';

export function chromiumPath(): string {
	return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath(),
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--lang=zh-CN'
		]
	});
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
