import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { launchBrowser, newPage, setupWithDemo, signIn } from './browser';

/** The text of one column of the list, row by row (the page's order). */
async function column(page: Page, index: number): Promise<string[]> {
	return page
		.locator('main tbody tr')
		.evaluateAll(
			(rows, i) => rows.map((r) => (r.children[i] as HTMLElement | undefined)?.innerText ?? ''),
			index
		);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

for (const dialect of e2eDialects('sqlite')) {
	describe(`UI kit: forms, lists and filters [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let admin: Page;

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('shows every error of one submit at once, linked to the fields, values kept', async () => {
			await admin.goto('/admin/people/new');
			await admin.getByLabel('姓名').fill('试用员');
			await admin.getByLabel('职务').fill('科员');
			// No username, no department and no role: three mistakes in one submit.
			await admin.getByRole('checkbox', { name: '干部职工' }).uncheck();
			await admin.getByRole('button', { name: '创建账号' }).click();

			const summary = admin.getByRole('alert').filter({ hasText: '提交未成功' });
			await summary.getByText('提交未成功，有 3 处需要修改：').waitFor();
			// The summary takes the focus, so a screen reader reads it at once.
			await expect(
				admin.evaluate(() => document.activeElement?.classList.contains('error-summary'))
			).resolves.toBe(true);
			const links = summary.getByRole('link');
			await expect(links.allInnerTexts()).resolves.toEqual([
				expect.stringMatching(/^用户名：/),
				expect.stringMatching(/^所在部门：/),
				expect.stringMatching(/^角色：/)
			]);
			// Each field shows its own message too, tied to the control.
			const username = admin.getByLabel('用户名');
			await expect(username.getAttribute('aria-invalid')).resolves.toBe('true');
			await expect(admin.getByLabel('所在部门').getAttribute('aria-invalid')).resolves.toBe('true');

			// A link of the summary moves the focus to its field.
			await links.filter({ hasText: /^所在部门：/ }).click();
			await expect(focusedId(admin)).resolves.toBe('person-departmentId');
			await links.filter({ hasText: /^用户名：/ }).click();
			await expect(focusedId(admin)).resolves.toBe('person-username');
			await links.filter({ hasText: /^角色：/ }).click();
			await expect(focusedId(admin)).resolves.toBe('person-roles');

			// What was typed is still there; nothing was created.
			await expect(admin.getByLabel('姓名').inputValue()).resolves.toBe('试用员');
			await expect(admin.getByLabel('职务').inputValue()).resolves.toBe('科员');
			await expect(admin.getByRole('checkbox', { name: '干部职工' }).isChecked()).resolves.toBe(
				false
			);

			// Put right, the same form goes through.
			await username.fill('shiyongyuan');
			await admin.getByLabel('所在部门').selectOption({ label: '办公室' });
			await admin.getByRole('checkbox', { name: '干部职工' }).check();
			await admin.getByRole('button', { name: '创建账号' }).click();
			await admin.getByText('已创建 试用员 的账号。').waitFor();
		});

		it('asks before resetting a password, and does nothing when cancelled', async () => {
			await admin.goto('/admin/people?q=shiyongyuan');
			await admin.getByRole('link', { name: '试用员' }).click();
			await admin.getByRole('heading', { name: /试用员/ }).waitFor();
			const dialog = admin.getByRole('dialog', { name: '重置密码' });
			await admin.getByRole('button', { name: '重置密码' }).click();
			await dialog.getByText('重置 试用员 的密码？').waitFor();
			await dialog.getByRole('button', { name: '取消' }).click();
			await dialog.waitFor({ state: 'hidden' });
			await expect(admin.getByTestId('temp-password').count()).resolves.toBe(0);

			await admin.getByRole('button', { name: '重置密码' }).first().click();
			await dialog.getByRole('button', { name: '重置密码' }).click();
			await admin.getByText('密码已重置，新的临时密码：').waitFor();
			await expect(admin.getByTestId('temp-password').innerText()).resolves.toMatch(/\S{8,}/);
		});

		it('asks before resetting the calendar link', async () => {
			await admin.goto('/account/calendar');
			const link = admin.getByLabel('网址链接（http）');
			const before = await link.inputValue();
			const dialog = admin.getByRole('dialog', { name: '重置订阅链接' });
			await admin.getByRole('button', { name: '重置订阅链接' }).click();
			await dialog.getByRole('button', { name: '取消' }).click();
			await dialog.waitFor({ state: 'hidden' });
			await expect(link.inputValue()).resolves.toBe(before);

			await admin.getByRole('button', { name: '重置订阅链接' }).first().click();
			await dialog.getByRole('button', { name: '重置订阅链接' }).click();
			await admin.getByText('订阅链接已重置，旧链接已失效。').waitFor();
			await expect(link.inputValue()).resolves.not.toBe(before);
		});

		it('sorts a list by a column header', async () => {
			await admin.goto('/admin/people');
			const header = admin.getByRole('columnheader', { name: /^姓名/ });
			await expect(header.getAttribute('aria-sort')).resolves.toBe('none');
			const before = await column(admin, 0);
			const zh = new Intl.Collator('zh-CN', { numeric: true });
			const ascending = [...before].sort(zh.compare);

			await header.getByRole('button').click();
			await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
			await expect(column(admin, 0)).resolves.toEqual(ascending);
			expect(ascending).not.toEqual(before);

			await header.getByRole('button').click();
			await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
			await expect(column(admin, 0)).resolves.toEqual([...ascending].reverse());
			// Only one column is the sort column at a time.
			await expect(
				admin.getByRole('columnheader', { name: /^用户名/ }).getAttribute('aria-sort')
			).resolves.toBe('none');
		});

		it('filters a list and clears the filters again', async () => {
			await admin.goto('/admin/people');
			const search = admin.getByRole('search');
			// The default (people in office) is no filter to clear.
			await expect(search.getByRole('link', { name: '清除筛选' }).count()).resolves.toBe(0);
			const everyone = await admin.getByText(/^共 \d+ 条/).innerText();

			await search.getByLabel('所在部门').selectOption({ label: '办公室' });
			await search.getByRole('button', { name: '筛选' }).click();
			await admin.waitForURL(/department=\d+/);
			const departments = await column(admin, 2);
			expect(departments.length).toBeGreaterThan(0);
			expect(new Set(departments)).toEqual(new Set(['办公室']));
			await expect(admin.getByText(/^共 \d+ 条/).innerText()).resolves.not.toBe(everyone);

			await search.getByRole('link', { name: '清除筛选' }).click();
			await admin.waitForURL((url) => !url.searchParams.has('department'));
			await expect(search.getByLabel('所在部门').inputValue()).resolves.toBe('');
			await expect(admin.getByText(/^共 \d+ 条/).innerText()).resolves.toBe(everyone);
			await expect(search.getByRole('link', { name: '清除筛选' }).count()).resolves.toBe(0);
		});

		it('shows a list as cards on a phone, each cell naming its column', async () => {
			const phone = await newPage(browser, app.url, true);
			await signIn(phone, 'sysadmin', 'Sys-Admin-2026');
			await phone.getByRole('heading', { name: '我的工作台' }).waitFor();
			for (const [path, labels] of [
				['/admin/people', ['姓名', '用户名', '所在部门']],
				['/admin/departments', ['部门名称', '类型']]
			] as const) {
				await phone.goto(path);
				const cells = phone.locator('main tbody tr').first().locator('td');
				await cells.first().waitFor();
				for (const [i, label] of labels.entries()) {
					await expect(
						cells.nth(i).evaluate((td) => {
							const before = getComputedStyle(td, '::before');
							return before.display !== 'none' ? before.content : '';
						})
					).resolves.toBe(`"${label}"`);
				}
				// The page does not scroll sideways.
				await expect(
					phone.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)
				).resolves.toBe(true);
			}
			await phone.context().close();
		});
	});
}
