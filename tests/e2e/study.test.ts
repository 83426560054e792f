import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

const TOPIC = '学习《中华人民共和国保守国家秘密法》';

/** The hours of a progress row (本月 / 本年) in a card: "12 / 40 小时" → 12. */
async function hoursOf(page: Page, scope: string, row: '本月' | '本年'): Promise<number> {
	const cell = page
		.locator(scope)
		.getByRole('row', { name: new RegExp(`^${row}`) })
		.getByRole('cell')
		.nth(1);
	const text = (await cell.textContent()) ?? '';
	const n = Number(/([\d.]+)/.exec(text)?.[1]);
	expect(Number.isFinite(n)).toBe(true);
	return n;
}

for (const dialect of e2eDialects('sqlite')) {
	describe(`学习: a staff member logs self-study on a phone [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		/** 熊伟, a staff member, on a phone (390 × 844). */
		let phone: Page;

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			const admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
			await admin.context().close();
			phone = await newPage(browser, app.url, true);
			await signIn(phone, 'xiongwei', DEMO_PASSWORD);
			await phone.getByRole('heading', { name: '我的工作台' }).waitFor();
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('logs 2 hours and sees the progress on /study and on 工作台', async () => {
			await phone.getByRole('heading', { name: '我的学习' }).waitFor();
			const homeBefore = await hoursOf(phone, 'section[aria-labelledby="h-study"]', '本年');

			await phone.goto('/study');
			await phone.getByRole('heading', { name: '我的学习进度' }).waitFor();
			const monthBefore = await hoursOf(phone, 'section[aria-labelledby="h-progress"]', '本月');
			const yearBefore = await hoursOf(phone, 'section[aria-labelledby="h-progress"]', '本年');
			expect(yearBefore).toBe(homeBefore);

			// A refusal first: more than 12 hours, said under the field, nothing saved.
			await phone.getByLabel('学习主题').fill(TOPIC);
			await phone.getByLabel('学习时长（小时）').fill('13');
			await phone.getByRole('button', { name: '保存', exact: true }).click();
			await expect
				.poll(() => phone.getByText('学习时长请填写 0.5 到 12 之间的数').count())
				.toBeGreaterThan(0);

			await phone.getByLabel('学习时长（小时）').fill('2');
			await phone.getByLabel('学习材料/篇目').fill('保密法全文');
			await phone.getByLabel('心得体会').fill('保密无小事，要从日常工作做起。');
			await phone.getByRole('button', { name: '保存', exact: true }).click();
			await phone.getByText('已记录 2 小时自学。').waitFor();
			await phone.getByText(TOPIC).first().waitFor();

			await expect
				.poll(() => hoursOf(phone, 'section[aria-labelledby="h-progress"]', '本年'))
				.toBe(yearBefore + 2);
			expect(await hoursOf(phone, 'section[aria-labelledby="h-progress"]', '本月')).toBe(
				monthBefore + 2
			);

			await phone.goto('/');
			await phone.getByRole('heading', { name: '我的学习' }).waitFor();
			expect(await hoursOf(phone, 'section[aria-labelledby="h-study"]', '本年')).toBe(
				homeBefore + 2
			);
			// No page scrolls sideways on the phone.
			const overflow = await phone.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow).toBeLessThanOrEqual(0);
		});
	});
}
