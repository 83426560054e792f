import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { launchBrowser, newPage, setupWithDemo, signIn } from './browser';

const DEMO = 'Demo@2026';

/** A calendar date in Beijing `days` from now, as the form takes it and as 成文日期 writes it. */
function beijingDay(days: number) {
	const t = new Date(Date.now() + days * 86_400_000);
	const [y, m, d] = new Intl.DateTimeFormat('en-CA', {
		timeZone: 'Asia/Shanghai',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	})
		.format(t)
		.split('-');
	return { iso: `${y}-${m}-${d}`, chinese: `${y}年${Number(m)}月${Number(d)}日` };
}

for (const dialect of e2eDialects('sqlite')) {
	describe(`the printed notice and the readable audit log [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let office: Page;
		let meetingPath = '';

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			office = await newPage(browser, app.url);
			await setupWithDemo(office);
			await office.context().clearCookies();
			await signIn(office, 'zhouwenbin', DEMO); // 办公室主任
			await office.getByRole('heading', { name: '我的工作台' }).waitFor();
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('prints a 秘密 meeting notice in the GB/T 9704 layout', async () => {
			const day = beijingDay(3);
			await office.goto('/meetings/new');
			await office.getByLabel('会议名称').fill('党组扩大会议');
			await office.getByLabel('会议类型').selectOption({ label: '党组会议' });
			await office.getByLabel('密级').selectOption({ label: '秘密' });
			await office.getByLabel('日期', { exact: true }).fill(day.iso);
			await office.getByLabel('开始时间').fill('14:30');
			await office.getByLabel('结束时间').fill('16:30');
			await office.getByLabel('会议地点').fill('局机关三楼会议室');
			await office.getByLabel('承办部门').selectOption({ label: '办公室' });
			await office.getByLabel('政策法规科 全部门出席').check();
			const host = office.getByRole('combobox', { name: '主持人' });
			await host.fill('王建国');
			await office
				.getByRole('treeitem', { name: /王建国/ })
				.first()
				.click();
			await office.getByLabel('回执截止', { exact: true }).fill(beijingDay(2).iso);
			await office.getByLabel('回执截止时间').fill('17:00');
			await office.getByLabel('第 1 项议题').fill('研究年度重点工作');
			await office.getByRole('button', { name: '保存草稿' }).click();
			await office.getByText('已保存').waitFor();
			meetingPath = new URL(office.url()).pathname;

			await office.goto(`${meetingPath}/notice`);
			const doc = office.locator('article.official-document');
			await doc.getByRole('heading', { name: '关于召开党组扩大会议的通知' }).waitFor();
			// 版头: 密级 top left; 主送 flush left after the title, ending in a full-width colon.
			expect(await doc.getByTestId('doc-classification').textContent()).toBe('秘密');
			expect(await doc.locator('.doc-recipients').textContent()).toMatch(
				/^[^：]*政策法规科[^：]*：$/
			);
			// 时间 with 星期; 主持人; 回执截止 in the requirements.
			await doc.getByText(/\d{4}年\d{1,2}月\d{1,2}日（星期[一二三四五六日]）14:30—16:30/).waitFor();
			await doc.getByText('主持人：王建国').waitFor();
			expect(await doc.getByTestId('notice-reply-by').textContent()).toMatch(
				/请于\d{4}年\d{1,2}月\d{1,2}日（星期.）17:00前/
			);
			// 落款: the full name of the issuing office and 成文日期 without leading zeros.
			expect(await doc.getByTestId('doc-date').textContent()).toBe(beijingDay(0).chinese);
			await doc.locator('.doc-sign').getByText('某市某局办公室').waitFor();
			expect(await doc.locator('.doc-sign').textContent()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
		});

		it('shows the meeting history and the audit log in words, with the codes small', async () => {
			await office.goto(meetingPath);
			const history = office.locator('details.card', { hasText: '变更记录' });
			await history.locator('summary').click();
			await history.getByText('新建会议').first().waitFor();
			await history.locator('code', { hasText: /^meeting\.create$/ }).waitFor();

			const auditor = await newPage(browser, app.url);
			await signIn(auditor, 'weizixuan', DEMO);
			await auditor.getByRole('heading', { name: '审计日志', exact: true }).waitFor();
			await auditor.goto('/audit?action=auth.login&actor=周文斌');
			const login = auditor.locator('main tbody tr').first();
			await login.getByText('登录', { exact: true }).waitFor();
			// The person signed in is named, not "user #8".
			await login.getByText('人员：周文斌').waitFor();
			await auditor.goto('/audit?action=meeting.create');
			const created = auditor.locator('main tbody tr').first();
			await created.getByText('新建会议').waitFor();
			await created.locator('code', { hasText: /^meeting\.create$/ }).waitFor();
			// Fields in Chinese, and no raw objects anywhere on the page.
			await created.getByText('参会人数').waitFor();
			expect(await auditor.locator('main').textContent()).not.toContain('[object Object]');
			await auditor.context().close();
		});
	});
}
