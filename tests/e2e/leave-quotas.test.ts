import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

// 假期额度: the office (周文彬, on a phone) gives 谭敏 20 days of 年休假 for this year (上年结转);
// her own /leave page shows what the quota page says is left; 恢复按规则 takes it back; a quota
// below nothing is refused with the reason on the form.

for (const dialect of e2eDialects('sqlite')) {
	describe(`假期额度, set by the office on a phone [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let office: Page;
		let staff: Page;

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
			office = await as('zhouwenbin', true);
			staff = await as('tanmin');
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('the office sets a quota; the person sees it; 恢复按规则 takes it back', async () => {
			await staff.goto('/leave');
			const before = await staff.getByTestId('left-annual').innerText();

			await office.goto('/leave');
			await office.getByRole('link', { name: '假期额度' }).click();
			await office.getByRole('heading', { name: '假期额度' }).waitFor();
			await office.getByRole('link', { name: '设定 谭敏' }).click();
			await office.getByRole('heading', { name: /设定 谭敏 \d{4} 年的年休假额度/ }).waitFor();
			// Not a half-day step: refused on the form, with what to do.
			await office.getByLabel('额度（天）').fill('7.3');
			await office.getByRole('button', { name: '保存设定' }).click();
			await office
				.getByText('请填写 0—365 的天数，以半天为单位（如 5 或 7.5）。')
				.first()
				.waitFor();
			await office.getByLabel('额度（天）').fill('20');
			await office.getByLabel('备注').fill('上年结转');
			await office.getByRole('button', { name: '保存设定' }).click();
			await office.getByText('额度已保存。').waitFor();
			const row = office.locator('[data-testid^="quota-left-"]').first();
			await row.waitFor();
			const id = (await office
				.getByRole('link', { name: '设定 谭敏' })
				.getAttribute('href'))!.match(/edit=(\d+)/)![1];
			const left = await office.getByTestId(`quota-left-${id}`).innerText();
			await office.getByTestId(`override-${id}`).getByText('20天').waitFor();
			// Cards on a phone: nothing wider than the screen.
			const overflow = await office.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth
			);
			expect(overflow).toBeLessThanOrEqual(0);

			await staff.goto('/leave');
			expect(await staff.getByTestId('left-annual').innerText()).toBe(left);

			await office.getByRole('button', { name: '恢复按规则' }).click();
			await office.getByRole('dialog').getByRole('button', { name: '恢复按规则' }).click();
			await office.getByText('已恢复按规则计算。').waitFor();
			await staff.goto('/leave');
			expect(await staff.getByTestId('left-annual').innerText()).toBe(before);
		});
	});
}
