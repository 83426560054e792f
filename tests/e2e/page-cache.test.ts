import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

// Pages are kept per session while the database's change stamp stands still
// (src/lib/server/page-cache.ts). Two server processes here: whichever one answers, a change
// made through the other must show at once, and nobody is ever shown someone else's page.
const READS = 6;

for (const dialect of e2eDialects('postgres')) {
	describe(`pages kept for reuse never go stale [${dialect}, two processes]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let office: Page;
		let member: Page;
		let meetingPath = '';
		let title = '';

		beforeAll(async () => {
			[app, browser] = await Promise.all([
				startApp(dialect, { WEB_CONCURRENCY: '2' }),
				launchBrowser()
			]);
			office = await newPage(browser, app.url);
			await setupWithDemo(office);
			await office.context().clearCookies();
			await signIn(office, 'zhouwenbin', DEMO_PASSWORD); // 办公室主任
			await office.getByRole('heading', { name: '我的工作台' }).waitFor();
			member = await newPage(browser, app.url);
			await signIn(member, 'linhaiyan', DEMO_PASSWORD); // 政策法规科 副科长
			await member.getByRole('heading', { name: '我的工作台' }).waitFor();
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		/** The meeting's title as its page shows it, read afresh `READS` times (both processes answer). */
		async function headings(page: Page): Promise<string[]> {
			const seen: string[] = [];
			for (let i = 0; i < READS; i++) {
				await page.goto(meetingPath);
				// The title is the heading's own text, before its status tags.
				const h1 = page.getByRole('heading', { level: 1 });
				seen.push(await h1.evaluate((h) => h.firstChild?.textContent?.trim() ?? ''));
			}
			return seen;
		}

		it('shows a participant the same meeting page on every reload', async () => {
			await member.goto('/meetings?scope=mine');
			const hrefs = await member
				.locator('main a[href^="/meetings/"]')
				.evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
			meetingPath = hrefs.find((h) => /^\/meetings\/\d+$/.test(h)) ?? '';
			expect(meetingPath).toMatch(/^\/meetings\/\d+$/);
			const seen = await headings(member);
			title = seen[0];
			expect(title.length).toBeGreaterThan(0);
			expect(new Set(seen)).toEqual(new Set([title]));
		});

		it('shows the office’s change of title on the very next view, from either process', async () => {
			await office.goto(`${meetingPath}/edit`);
			await office.getByLabel('会议名称').fill(`${title}（已调整）`);
			await office.getByRole('button', { name: '保存', exact: true }).click();
			await office.waitForURL(new RegExp(`${meetingPath}(\\?|$)`));
			expect(new Set(await headings(member))).toEqual(new Set([`${title}（已调整）`]));
			await member.goto('/meetings?scope=mine');
			// The list row of this meeting (demo titles recur weekly, so by its address).
			const row = member.locator(`main a[href="${meetingPath}"]`).first();
			expect(((await row.textContent()) ?? '').trim()).toBe(`${title}（已调整）`);
		});

		it('gives each person their own page for the same address', async () => {
			await office.goto(meetingPath);
			await member.goto(meetingPath);
			expect(await office.locator('header.topbar').textContent()).toContain('周文斌');
			expect(await member.locator('header.topbar').textContent()).toContain('林海燕');
			expect(await member.locator('header.topbar').textContent()).not.toContain('周文斌');
		});

		it('answers in the language the person switched to, not the one kept before', async () => {
			await member.goto(meetingPath);
			await member.getByRole('button', { name: 'English' }).click();
			await member.getByRole('link', { name: 'Meetings', exact: true }).waitFor();
			await member.goto(meetingPath);
			expect(await member.locator('nav#main-nav').textContent()).toContain('Meetings');
			await member.getByRole('button', { name: '中文' }).click();
			await member.getByRole('link', { name: '会议', exact: true }).waitFor();
		});
	});
}
