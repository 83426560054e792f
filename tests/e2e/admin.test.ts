import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

async function peopleTotal(page: Page): Promise<string> {
	await page.goto('/admin/people?status=all');
	return (await page.getByText(/^共 \d+ 条/).textContent()) ?? '';
}

for (const dialect of e2eDialects('postgres')) {
	describe(`administration and roles [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let admin: Page;
		let dir: string;

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			admin = await newPage(browser, app.url);
			dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiban-import-'));
			await setupWithDemo(admin);
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		});

		it('shows every bad row of an import and writes nothing', async () => {
			const before = await peopleTotal(admin);
			const file = path.join(dir, 'people.csv');
			fs.writeFileSync(
				file,
				'\uFEFF用户名,姓名,部门,职务,角色\n' +
					'xinren1,辛仁,办公室,科员,干部职工\n' +
					'xinren2,辛二,不存在的科,科员,干部职工\n' +
					'xinren1,辛三,办公室,科员,干部职工\n'
			);
			await admin.goto('/admin/people/import');
			await admin.getByLabel('选择文件').setInputFiles(file);
			await admin.getByRole('button', { name: '上传并检查' }).click();
			await admin.getByText('共 3 行，其中 2 行有问题，请修改文件后重新上传').waitFor();
			await admin.getByText('部门“不存在的科”不存在或已停用').waitFor();
			await admin.getByText('用户名与第 2 行重复').waitFor();
			expect(await admin.getByRole('button', { name: '确认导入' }).count()).toBe(0);
			expect(await peopleTotal(admin)).toBe(before);

			fs.writeFileSync(file, '\uFEFF用户名,姓名,部门,职务\nxinren1,辛仁,办公室,科员\n');
			await admin.goto('/admin/people/import');
			await admin.getByLabel('选择文件').setInputFiles(file);
			await admin.getByRole('button', { name: '上传并检查' }).click();
			await admin.getByText('共 1 行，全部检查通过，可以导入').waitFor();
			await admin.getByRole('button', { name: '确认导入' }).click();
			await admin.getByText('已导入 1 人').waitFor();
			await admin.goto('/admin/people?q=xinren1');
			await expect(admin.getByRole('link', { name: '辛仁' }).count()).resolves.toBe(1);
		});

		it('gives the security auditor the audit log and nothing else', async () => {
			const page = await newPage(browser, app.url);
			await signIn(page, 'weizixuan', DEMO_PASSWORD);
			await page.getByRole('heading', { name: '审计日志', exact: true }).waitFor();
			expect(new URL(page.url()).pathname).toBe('/audit');
			const nav = page.getByRole('navigation', { name: '主导航' });
			expect(await nav.getByRole('link').allTextContents()).toEqual(['审计日志']);
			await page.goto('/admin/people');
			expect(new URL(page.url()).pathname).toBe('/audit');
			await page.goto('/audit?action=user.import');
			// The action in words with its code small beside it; the person by name.
			const imported = page
				.locator('main tbody tr')
				.filter({ has: page.locator('code', { hasText: /^user\.import$/ }) });
			await expect(imported.count()).resolves.toBe(1);
			await imported.getByText('导入人员', { exact: true }).waitFor();
			await imported.getByText('人员：辛仁').waitFor();
			// A form post or an endpoint outside the audit log is refused too, writing nothing
			// (the requests carry the auditor's session cookie, as the page's own fetches do).
			const roomAudits = async () => {
				await page.goto('/audit?action=room.');
				return page.locator('main tbody tr').count();
			};
			const before = await roomAudits();
			const origin = new URL(app.url).origin;
			const post = await page.context().request.post('/meetings/rooms?/save', {
				headers: { origin },
				form: { name: '审计员加的会议室', location: '一楼', capacity: '10' },
				maxRedirects: 0
			});
			expect(post.status()).toBe(403);
			const events = await page.context().request.get('/meetings/calendar/events?scope=mine', {
				maxRedirects: 0
			});
			expect([events.status(), events.headers()['location']]).toEqual([303, '/audit']);
			expect(await roomAudits()).toBe(before);
			await page.context().close();
		});

		it('lets the administrator add next year’s holiday', async () => {
			// The seeded schedule ends with the year the package was built, so next year is empty.
			const year = new Date().getFullYear() + 1;
			await admin.goto(`/admin/holidays?year=${year}`);
			await admin.getByText(`${year}年还没有节假日数据`).first().waitFor();
			await admin.getByLabel('日期').fill(`${year}-01-01`);
			await admin.getByLabel('名称').fill('元旦');
			await admin.getByRole('button', { name: '保存', exact: true }).click();
			await admin.getByRole('cell', { name: '1月1日', exact: true }).waitFor();
			// The audit log is the security auditor's alone (三员分立).
			const auditor = await newPage(browser, app.url);
			await signIn(auditor, 'weizixuan', DEMO_PASSWORD);
			await auditor.getByRole('heading', { name: '审计日志', exact: true }).waitFor();
			await auditor.goto('/audit?action=holiday.');
			await expect(auditor.getByRole('cell', { name: 'holiday.save' }).count()).resolves.toBe(1);
			await auditor.context().close();

			// Deleting asks first and says which day and holiday it is.
			const row = admin.getByRole('row').filter({ hasText: '1月1日' });
			await row.getByRole('button', { name: '删除' }).click();
			const dialog = admin.getByRole('dialog', { name: '删除' });
			await dialog.getByText(`确定删除 ${year}年1月1日（元旦）吗？`).waitFor();
			await dialog.getByRole('button', { name: '删除' }).click();
			await admin.getByText(`已删除 ${year}年1月1日。`).waitFor();
			await expect(admin.getByRole('cell', { name: '1月1日', exact: true }).count()).resolves.toBe(
				0
			);
		});

		it('works on a phone: menu, module pages and my sessions', async () => {
			const phone = await newPage(browser, app.url, true);
			await signIn(phone, 'wangjianguo', DEMO_PASSWORD);
			await phone.getByText('王建国，您好').waitFor();
			await phone
				.getByRole('navigation', { name: '主导航' })
				.getByRole('link', { name: '会议', exact: true })
				.click();
			await phone.getByRole('heading', { name: '会议', exact: true }).waitFor();
			// The meetings list fits the screen: each row is a card whose cells name their column.
			await phone.goto('/meetings?scope=all');
			const firstRow = phone.getByRole('row').nth(1);
			await firstRow.waitFor();
			await expect(
				phone.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)
			).resolves.toBe(true);
			// …and the list itself does not scroll sideways either.
			await expect(
				phone.locator('main table').evaluate((t) => t.scrollWidth <= window.innerWidth)
			).resolves.toBe(true);
			await expect(
				firstRow
					.getByRole('cell')
					.nth(1)
					.evaluate((td) => {
						const before = getComputedStyle(td, '::before');
						return before.display !== 'none' ? before.content : '';
					})
			).resolves.toBe('"时间"');
			await phone.goto('/account/sessions');
			await expect(phone.getByText('当前会话').count()).resolves.toBe(1);

			// A second sign-in elsewhere can be revoked from here.
			const other = await newPage(browser, app.url);
			await signIn(other, 'wangjianguo', DEMO_PASSWORD);
			await other.getByText('王建国，您好').waitFor();
			await phone.reload();
			await phone.getByRole('button', { name: '注销' }).click();
			await phone.getByRole('button', { name: '注销' }).waitFor({ state: 'detached' });
			await other.goto('/');
			expect(new URL(other.url()).pathname).toBe('/login');
			await phone.context().close();
			await other.context().close();
		});
	});
}
