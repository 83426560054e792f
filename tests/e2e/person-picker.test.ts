import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

const TZ = 'Asia/Shanghai';

/** Wall-clock date and time in Beijing, `minutes` from now, rounded to five minutes. */
function beijing(minutes: number) {
	const t = new Date(Math.ceil((Date.now() + minutes * 60_000) / 300_000) * 300_000);
	const f = (o: Intl.DateTimeFormatOptions) =>
		new Intl.DateTimeFormat('en-CA', { timeZone: TZ, ...o }).format(t);
	return {
		date: f({ year: 'numeric', month: '2-digit', day: '2-digit' }),
		time: f({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
	};
}

async function officeHead(browser: Browser, url: string, phone = false): Promise<Page> {
	const page = await newPage(browser, url, phone);
	await signIn(page, 'zhouwenbin', DEMO_PASSWORD); // 办公室主任
	await page.getByRole('heading', { name: '我的工作台' }).waitFor();
	return page;
}

/** The names on the chips of one picker, read from their "移除 …" buttons. */
async function chips(page: Page, label: string): Promise<string[]> {
	const field = page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
	const names = await field
		.getByRole('button', { name: /^移除 / })
		.evaluateAll((buttons) =>
			buttons.map((b) => (b.getAttribute('aria-label') ?? '').replace(/^移除 /, ''))
		);
	return names;
}

for (const dialect of e2eDialects('sqlite')) {
	describe(`the person picker [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			const admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
			await admin.context().close();
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('finds people by name and by pinyin initials, ticks a department, removes a chip, and saves them', async () => {
			const page = await officeHead(browser, app.url);
			await page.goto('/meetings/new');
			const start = beijing(24 * 60);
			const end = beijing(25 * 60);
			await page.getByLabel('会议名称').fill('人员选择测试会');
			await page.getByLabel('会议类型').selectOption({ label: '工作会议' });
			await page.getByLabel('日期', { exact: true }).fill(start.date);
			await page.getByLabel('开始时间').fill(start.time);
			await page.getByLabel('结束时间').fill(end.time);
			if (end.date !== start.date) await page.getByLabel('结束日期').fill(end.date);
			await page.getByLabel('会议地点').fill('市政府第一会议室');
			await expect(page.getByText(/Ctrl/).count()).resolves.toBe(0);

			const attendees = page.getByLabel('出席', { exact: true });
			// By initials: "zwb" is 周文斌; Enter takes the first match.
			await attendees.fill('zwb');
			await page.getByRole('treeitem', { name: '周文斌 主任' }).waitFor();
			await expect(page.getByRole('treeitem', { level: 2 }).count()).resolves.toBe(1);
			await attendees.press('Enter');
			// By name, with a click.
			await attendees.fill('杨帆');
			await page.getByRole('treeitem', { name: '杨帆 副科长' }).click();
			expect(await chips(page, '出席')).toEqual(['周文斌', '杨帆']);

			// A whole department in one tick, then one person taken off by the chip's button.
			await attendees.fill('');
			const dept = page.getByRole('treeitem', { name: '政策法规科（6 人）' });
			await dept.click();
			await expect(dept.getAttribute('aria-checked')).resolves.toBe('true');
			expect(await chips(page, '出席')).toEqual([
				'周文斌',
				'杨帆',
				'胡国平',
				'林海燕',
				'文涛',
				'洪少东',
				'熊伟',
				'沈嘉怡'
			]);
			await page.getByRole('button', { name: '移除 林海燕' }).click();
			expect(await chips(page, '出席')).not.toContain('林海燕');
			await attendees.click();
			await expect(dept.getAttribute('aria-checked')).resolves.toBe('mixed');

			// Keyboard only: the tree from the search box, a chip removed with Backspace.
			const observers = page.getByLabel('列席', { exact: true });
			await observers.focus();
			await page.keyboard.press('ArrowDown'); // 局领导
			await page.keyboard.press('ArrowRight'); // opens it
			await page.keyboard.press('ArrowDown'); // 王建国
			await page.keyboard.press('Space');
			await page.keyboard.press('ArrowDown'); // 陈志强
			await page.keyboard.press('Enter');
			expect(await chips(page, '列席')).toEqual(['王建国', '陈志强']);
			await page.keyboard.press('Backspace'); // to the last chip
			await page.keyboard.press('Backspace'); // removes 陈志强
			expect(await chips(page, '列席')).toEqual(['王建国']);
			await expect(
				page.evaluate(() => document.activeElement?.getAttribute('aria-label'))
			).resolves.toBe('移除 王建国');
			await page.keyboard.press('ArrowRight'); // back to the search box
			await page.keyboard.type('sjy');
			await page.keyboard.press('Enter');
			expect(await chips(page, '列席')).toEqual(['王建国', '沈嘉怡']);

			// Single choice: the host is replaced, not added; Enter never submits the form.
			const host = page.getByLabel('主持人', { exact: true });
			await host.fill('wjg');
			await host.press('Enter');
			await host.fill('czq');
			await host.press('Enter');
			expect(await chips(page, '主持人')).toEqual(['陈志强']);
			await expect(page.getByText('已保存').count()).resolves.toBe(0);

			// 会务准备: each item's owner is a single-choice picker; rows without one post ''.
			const owner = page.getByLabel('第 1 项负责人', { exact: true });
			await owner.fill('mx');
			await page.getByRole('treeitem', { name: /^马骁/ }).click();
			await expect(
				page
					.locator('input[type=hidden][name=logisticsOwner]')
					.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value))
			).resolves.toEqual([expect.stringMatching(/^\d+$/), '', '', '', '', '', '']);

			await page.getByRole('button', { name: '保存草稿' }).click();
			await page.getByText('已保存').waitFor();
			await page.locator('.checklist li', { hasText: '会场布置' }).getByText('马骁').waitFor();
			// The server got plain form fields: the edit form shows the same choices.
			await page.goto(new URL(page.url()).pathname + '/edit');
			expect(await chips(page, '出席')).toEqual(
				expect.arrayContaining(['周文斌', '杨帆', '胡国平', '文涛', '洪少东', '熊伟', '沈嘉怡'])
			);
			expect(await chips(page, '出席')).toHaveLength(7);
			// 沈嘉怡 was named twice and keeps the higher role, 出席.
			expect(await chips(page, '列席')).toEqual(['王建国']);
			expect(await chips(page, '主持人')).toEqual(['陈志强']);
			await page
				.locator('li', { has: page.getByLabel('第 1 项负责人', { exact: true }) })
				.getByRole('button', { name: '移除 马骁' })
				.waitFor();
			await page.context().close();
		});

		it('works by touch on a phone, with large targets and no Ctrl-click hint', async () => {
			const phone = await officeHead(browser, app.url, true);
			await phone.goto('/meetings/new');
			await expect(phone.getByText(/Ctrl/).count()).resolves.toBe(0);
			// Nothing on the plan form is wider than the phone (no sideways scrolling).
			await expect(
				phone.evaluate(() => document.documentElement.scrollWidth)
			).resolves.toBeLessThanOrEqual(390);
			const staff = phone.getByLabel('会务人员', { exact: true });
			await staff.tap();
			await staff.fill('zwb');
			const zhou = phone.getByRole('treeitem', { name: '周文斌 主任' });
			await zhou.tap();
			await staff.fill('');
			const office = phone.getByRole('treeitem', { name: '办公室（8 人）' });
			await office.tap();
			expect(await chips(phone, '会务人员')).toHaveLength(8);
			const box = await office.boundingBox();
			expect(box!.height).toBeGreaterThanOrEqual(44);
			const chip = phone.getByRole('button', { name: '移除 马骁' });
			expect((await chip.boundingBox())!.height).toBeGreaterThanOrEqual(36);
			await chip.tap();
			expect(await chips(phone, '会务人员')).toHaveLength(7);
			await phone.context().close();
		});
	});
}
