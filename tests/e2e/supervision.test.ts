import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';
import { beijingToday, plusDays } from './dates';

const TITLE = '落实安全生产大检查工作';

/** A date as the pages show it: 2026年12月7日. */
function shown(date: string): string {
	return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

for (const dialect of e2eDialects('postgres')) {
	describe(`督办 from registration to closing, on a desktop and a phone [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		/** 董明辉: 督办员. */
		let supervisor: Page;
		/** 胡国平: head of 政策法规科, the lead department. */
		let head: Page;
		/** The same head on a phone (390 × 844). */
		let phone: Page;
		let itemPath = '';
		let number = '';
		let firstDeadline = '';
		let newDeadline = '';

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
			[supervisor, head, phone] = await Promise.all([
				as('dongminghui'),
				as('huguoping'),
				as('huguoping', true)
			]);
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('the supervisor registers a leader instruction and assigns it', async () => {
			await supervisor.goto('/supervision');
			await supervisor.getByRole('link', { name: '督办立项' }).click();
			await supervisor.getByRole('heading', { name: '督办立项' }).waitFor();
			await supervisor.getByLabel('来源', { exact: true }).selectOption({ label: '领导批示' });
			await supervisor.getByLabel('督办事项', { exact: true }).fill(TITLE);
			await supervisor.getByLabel('督办要求').fill('年底前完成全局安全生产大检查并报送结果。');
			await supervisor.getByLabel('批示领导').selectOption({ label: '王建国' });
			await supervisor.getByLabel('批示日期').fill(beijingToday());
			await supervisor.getByLabel('批示内容').fill('请政策法规科牵头抓紧落实。');
			await supervisor
				.getByLabel('牵头单位', { exact: true })
				.selectOption({ label: '政策法规科' });
			await supervisor.getByRole('button', { name: '立项', exact: true }).click();
			await supervisor.getByRole('heading', { name: TITLE }).waitFor();
			itemPath = new URL(supervisor.url()).pathname;
			expect(itemPath).toMatch(/^\/supervision\/\d+$/);
			number = (await supervisor.getByTestId('item-number').innerText()).trim();
			expect(number).toMatch(/^督〔\d{4}〕\d+号$/);
			await expect(supervisor.getByTestId('item-status').innerText()).resolves.toBe('立项');
			const deadlineText = await supervisor.getByTestId('item-deadline').innerText();
			expect(deadlineText).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);

			await supervisor.getByRole('button', { name: '交办', exact: true }).click();
			const dialog = supervisor.getByRole('dialog', { name: `交办 ${number}？` });
			await dialog.getByText('政策法规科').waitFor();
			await dialog.getByRole('button', { name: '交办', exact: true }).click();
			await supervisor.getByText('已交办，已通知承办单位').waitFor();
			await expect(supervisor.getByTestId('item-status').innerText()).resolves.toBe('已交办');
		});

		it('another department’s head gets “not found” for the item', async () => {
			const other = await as('huangshufen');
			const res = await other.goto(itemPath);
			expect(res?.status()).toBe(404);
			await other.goto('/supervision');
			await expect(other.getByRole('link', { name: TITLE }).count()).resolves.toBe(0);
			await other.context().close();
		});

		it('the lead head finds it in 我的督办 and signs for it', async () => {
			await head.goto('/supervision/mine');
			await head.getByRole('link', { name: TITLE }).click();
			await head.getByRole('heading', { name: TITLE }).waitFor();
			await head.getByRole('button', { name: '签收', exact: true }).click();
			await head.getByText('已签收', { exact: true }).first().waitFor();
			await expect(head.getByTestId('item-status').innerText()).resolves.toBe('已签收');
		});

		it('on a phone the head reports progress with a percent and asks for an extension', async () => {
			await phone.goto(itemPath);
			await phone.getByRole('heading', { name: TITLE }).waitFor();
			await phone.getByLabel('进展情况').fill('已完成各科室自查，正在汇总问题清单。');
			await phone.getByLabel('完成进度（%）').fill('60');
			await phone.getByRole('button', { name: '提交反馈' }).click();
			await phone.getByText('反馈已提交').waitFor();
			await expect(phone.getByTestId('item-progress').innerText()).resolves.toBe('60%');
			await expect(phone.getByTestId('item-status').innerText()).resolves.toBe('承办中');
			await phone.getByText('已完成各科室自查，正在汇总问题清单。').first().waitFor();
			// Nothing on the page is wider than the phone.
			const overflow = await phone.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow).toBeLessThanOrEqual(0);

			const input = phone.getByLabel('申请延期至');
			firstDeadline = (await input.getAttribute('min')) ?? '';
			expect(firstDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			newDeadline = plusDays(firstDeadline, 10);
			await input.fill(newDeadline);
			await phone.getByLabel('延期理由').fill('需等待上级检查组反馈意见。');
			await phone.getByRole('button', { name: '提交延期申请' }).click();
			await phone.getByText('延期申请已提交，等待审批').waitFor();
		});

		it('the supervisor approves: the new deadline shows and 原时限 is kept', async () => {
			await supervisor.goto(itemPath);
			await supervisor.getByText('需等待上级检查组反馈意见。').first().waitFor();
			await supervisor.getByRole('button', { name: '同意延期' }).click();
			await supervisor.getByText('延期申请已审批').waitFor();
			await expect(supervisor.getByTestId('item-deadline').innerText()).resolves.toContain(
				shown(newDeadline)
			);
			await expect(supervisor.getByTestId('item-original-deadline').innerText()).resolves.toBe(
				shown(firstDeadline)
			);
		});

		it('the head asks to close, the supervisor closes, and the 督办单 prints', async () => {
			await head.goto(itemPath);
			await head
				.getByLabel('办理结果', { exact: true })
				.fill('大检查已完成，共发现问题12项，均已整改。');
			await head.getByRole('button', { name: '提交办结申请' }).click();
			await head.getByText('办结申请已提交，等待复核').waitFor();
			await expect(head.getByTestId('item-status').innerText()).resolves.toBe('申请办结');

			await supervisor.goto(itemPath);
			await supervisor.getByRole('button', { name: '办结销号' }).click();
			const dialog = supervisor.getByRole('dialog', { name: `办结 ${number}？` });
			await dialog.getByRole('button', { name: '办结销号' }).click();
			await supervisor.getByText('已办结').first().waitFor();
			await expect(supervisor.getByTestId('item-status').innerText()).resolves.toBe('办结');
			await supervisor.getByText('按期办结').first().waitFor();

			await supervisor.getByRole('link', { name: '打印督办单' }).click();
			await supervisor.getByTestId('print-sheet').waitFor();
			const sheet = await supervisor.getByTestId('print-sheet').innerText();
			expect(sheet).toContain(number);
			expect(sheet).toContain(TITLE);
			await expect(supervisor.getByTestId('print-deadline').innerText()).resolves.toBe(
				shown(newDeadline)
			);
			await expect(supervisor.getByTestId('print-original-deadline').innerText()).resolves.toBe(
				shown(firstDeadline)
			);
			const signatures = await supervisor.getByTestId('print-signatures').innerText();
			expect(signatures).toContain('承办单位负责人（签字）');
			expect(signatures).toContain('督办人（签字）');
			expect(signatures).toContain('日期');
		});

		it('the 督办通报 of today counts it for 政策法规科 as closed on time', async () => {
			const today = beijingToday();
			await supervisor.goto(`/supervision/bulletin?from=${today}&to=${today}`);
			const row = supervisor.locator('tr', { hasText: '政策法规科' });
			const cells = (await row.locator('td').allInnerTexts()).map((t) => t.trim());
			// rank, department, 立项, 办结, 按期办结, 逾期办结, 在办, 逾期未办, 按期办结率 … (the demo
			// may have registered more of 政策法规科's items today; none of them is closed)
			expect(cells[1]).toBe('政策法规科');
			expect(Number(cells[2])).toBeGreaterThanOrEqual(1);
			expect(cells.slice(3, 6)).toEqual(['1', '1', '0']);
			expect(cells[8]).toBe('100%');
		});

		it('the list filtered by status finds it, on a desktop and on a phone', async () => {
			await supervisor.goto('/supervision');
			await supervisor.getByLabel('状态', { exact: true }).selectOption({ label: '办结' });
			await supervisor.getByRole('button', { name: '筛选' }).click();
			await supervisor.waitForURL(/status=closed/);
			await supervisor.getByRole('link', { name: TITLE }).waitFor();

			await phone.goto('/supervision?status=closed');
			await phone.getByRole('link', { name: TITLE }).waitFor();
			await phone.goto('/supervision?status=in_progress');
			await expect(phone.getByRole('link', { name: TITLE }).count()).resolves.toBe(0);
		});
	});
}
