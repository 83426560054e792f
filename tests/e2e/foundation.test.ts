import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { launchBrowser, newPage, signIn } from './browser';

for (const dialect of e2eDialects('sqlite')) {
	describe(`first run, people and sign-in [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let admin: Page;

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			admin = await newPage(browser, app.url);
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('leads a fresh install to setup and signs the new administrator in', async () => {
			await admin.goto('/');
			expect(new URL(admin.url()).pathname).toBe('/setup');
			await admin.getByLabel('单位名称').fill('某市交通运输局');
			await admin.getByLabel('姓名').fill('陈静');
			await admin.getByLabel('用户名').fill('chenjing');
			await admin.getByLabel('密码', { exact: true }).fill('weak');
			await admin.getByLabel('确认新密码').fill('weak');
			await admin.getByRole('button', { name: '完成设置' }).click();
			// The refusal is listed in the summary at the top and beside the field.
			await admin.getByRole('link', { name: /^密码：密码至少 8 位/ }).waitFor();

			await admin.getByLabel('密码', { exact: true }).fill('Admin-2026-pw');
			await admin.getByLabel('确认新密码').fill('Admin-2026-pw');
			await admin.getByRole('button', { name: '完成设置' }).click();
			await admin.getByRole('heading', { name: '我的工作台' }).waitFor();
			await expect(admin.getByRole('link', { name: '某市交通运输局' }).count()).resolves.toBe(1);

			const again = await admin.goto('/setup');
			expect(again?.status()).toBe(404);
		});

		it('lets the administrator add a department and a person', async () => {
			await admin.goto('/admin/departments');
			await admin.getByLabel('部门名称').fill('政策法规科');
			await admin.getByRole('button', { name: '创建部门' }).click();
			await admin.getByText('已保存部门「政策法规科」').waitFor();

			await admin.goto('/admin/people/new');
			await admin.getByLabel('姓名').fill('李明');
			await admin.getByLabel('用户名').fill('liming');
			await admin.getByLabel('所在部门').selectOption({ label: '政策法规科' });
			await admin.getByLabel('职务').fill('科员');
			await admin.getByLabel('初始密码').fill('Start-2026-ok');
			await admin.getByRole('button', { name: '创建账号' }).click();
			await admin.getByText('已创建 李明 的账号。').waitFor();

			// The same username again is refused beside the field.
			await admin.goto('/admin/people/new');
			await admin.getByLabel('姓名').fill('李明二');
			await admin.getByLabel('用户名').fill('LiMing');
			await admin.getByLabel('所在部门').selectOption({ label: '政策法规科' });
			await admin.getByRole('button', { name: '创建账号' }).click();
			await admin.getByRole('link', { name: '用户名：用户名已被使用' }).waitFor();
			// Assistive technology hears the error with the field it belongs to.
			const username = admin.getByLabel('用户名');
			await expect(username.getAttribute('aria-invalid')).resolves.toBe('true');
			const describedBy = await username.getAttribute('aria-describedby');
			await expect(admin.locator(`#${describedBy}`).innerText()).resolves.toBe('用户名已被使用');
			await expect(admin.getByLabel('姓名').getAttribute('aria-invalid')).resolves.toBeNull();

			await admin.goto('/admin/people?q=李明');
			await expect(admin.getByRole('link', { name: '李明' }).count()).resolves.toBe(1);
		});

		it('makes the new person change the password at first sign-in', async () => {
			const page = await newPage(browser, app.url);
			await signIn(page, 'liming', 'Start-2026-ok');
			await page.getByText('须先修改密码才能继续使用').waitFor();
			await page.goto('/meetings');
			expect(new URL(page.url()).pathname).toBe('/account/password');

			await page.getByLabel('当前密码').fill('Start-2026-ok');
			await page.getByLabel('新密码', { exact: true }).fill('liming-Pass-1');
			await page.getByLabel('确认新密码').fill('liming-Pass-1');
			await page.getByRole('button', { name: '修改密码' }).click();
			await page.getByRole('link', { name: /密码不能包含用户名/ }).waitFor();

			await page.getByLabel('当前密码').fill('Start-2026-ok');
			await page.getByLabel('新密码', { exact: true }).fill('Spring-2026-ok');
			await page.getByLabel('确认新密码').fill('Spring-2026-ok');
			await page.getByRole('button', { name: '修改密码' }).click();
			await page.getByRole('heading', { name: '我的工作台' }).waitFor();
			await page.getByText('李明，您好').waitFor();
			// A staff member has no admin screens.
			expect((await page.goto('/admin/people'))?.status()).toBe(403);
			await page.context().close();
		});

		it('locks the account after five wrong passwords', async () => {
			const page = await newPage(browser, app.url);
			for (let i = 1; i <= 4; i++) {
				await signIn(page, 'liming', `Wrong-pass-${i}`);
				await page.getByText('用户名或密码错误').waitFor();
			}
			await signIn(page, 'liming', 'Wrong-pass-5');
			await page.getByText(/账号已锁定/).waitFor();
			await signIn(page, 'liming', 'Spring-2026-ok');
			await page.getByText(/账号已锁定/).waitFor();
			expect(new URL(page.url()).pathname).toBe('/login');
			await page.context().close();

			// The failures are audited (auth.service.test.ts, security.test.ts); the log itself is
			// the security auditor's, not the administrator's (三员分立).
			const refused = await admin.goto('/audit?action=auth.');
			expect(refused?.status()).toBe(403);
		});
	});
}
