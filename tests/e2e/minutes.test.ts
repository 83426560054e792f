import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import JSZip from 'jszip';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';
import { beijingDate } from './dates';
import { startSmtp } from './smtp';

for (const dialect of e2eDialects('postgres')) {
	describe(`minutes from draft to issue, print and .docx [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let smtp: Awaited<ReturnType<typeof startSmtp>>;
		/** 周文斌: 办公室主任, the demo meetings' recorder. */
		let recorder: Page;
		/** 王建国: 局长, who hosts the 局务会议. */
		let host: Page;
		/** 吴晓燕: the office, who issues. */
		let office: Page;
		let meeting = '';

		async function as(username: string): Promise<Page> {
			const page = await newPage(browser, app.url);
			await signIn(page, username, DEMO_PASSWORD);
			await page.getByRole('heading', { name: '我的工作台' }).waitFor();
			return page;
		}

		beforeAll(async () => {
			smtp = await startSmtp();
			[app, browser] = await Promise.all([
				startApp(dialect, { SMTP_URL: smtp.url, SCHEDULER_INTERVAL_MS: '1000' }),
				launchBrowser()
			]);
			const admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
			await admin.context().close();
			[recorder, host, office] = await Promise.all([
				as('zhouwenbin'),
				as('wangjianguo'),
				as('wuxiaoyan')
			]);
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
			await smtp?.stop();
		});

		it('the recorder drafts minutes of an ended meeting from its template and submits them', async () => {
			// A 局务会议 that has ended (the demo's fortnight before today), hosted by the 局长.
			await recorder.goto(
				`/meetings?scope=all&q=${encodeURIComponent('局务会议')}&to=${beijingDate(-1)}`
			);
			const href = await recorder
				.locator('a[href^="/meetings/"]', { hasText: '局务会议' })
				.first()
				.getAttribute('href');
			meeting = /^\/meetings\/(\d+)$/.exec(href ?? '')?.[1] ?? '';
			expect(meeting).not.toBe('');
			await recorder.goto(`/meetings/${meeting}`);
			const block = recorder.getByTestId('meeting-minutes');
			await block.getByText('会议结束后由记录人起草纪要').waitFor();
			await block.getByRole('link', { name: '起草纪要' }).click();
			await recorder.getByRole('heading', { name: '起草纪要' }).waitFor();
			// The header comes from the meeting; the body starts from the 局务会议 template.
			await recorder.getByText('王建国').first().waitFor();
			const body = recorder.getByLabel('纪要正文');
			await expect(body.inputValue()).resolves.toContain('现纪要如下：');
			await body.fill('会议听取了各科室年度工作汇报，研究了明年重点工作安排。现纪要如下：');

			await recorder.getByLabel('议定事项 1', { exact: true }).fill('做好年度预算调整工作');
			await recorder.getByLabel('议定事项 1 的牵头单位').selectOption({ label: '财务审计科' });
			await recorder.getByLabel('议定事项 1 的完成时限').fill(beijingDate(60));
			await recorder.getByRole('button', { name: '增加一项' }).click();
			await recorder.getByLabel('议定事项 2', { exact: true }).fill('推进信息化项目建设');
			await recorder.getByLabel('议定事项 2 的牵头单位').selectOption({ label: '信息中心' });
			await recorder.getByLabel('议定事项 2 的完成时限').fill(beijingDate(120));
			await recorder.getByLabel('议定事项 2 的配合单位').click();
			await recorder
				.getByTestId('decision-row')
				.nth(1)
				.getByRole('checkbox', { name: '办公室' })
				.check();

			await recorder.getByRole('button', { name: '送主持人审核' }).click();
			const dialog = recorder.getByRole('dialog', { name: '送审会议纪要' });
			await dialog.getByText('王建国').waitFor();
			await dialog.getByRole('button', { name: '送主持人审核' }).click();
			await recorder.getByText('纪要已送主持人审核').waitFor();
			await expect(recorder.getByTestId('minutes-status').textContent()).resolves.toBe(
				'待主持人审核'
			);
			const decisions = recorder.getByTestId('minutes-decisions');
			await decisions.getByText('推进信息化项目建设').waitFor();
			await decisions.getByText('办公室').waitFor();
		});

		it('the host returns them with a comment; the recorder sees it, fixes and resubmits', async () => {
			await host.goto(`/meetings/${meeting}/minutes`);
			await host.getByLabel('退回意见').fill('请写明预算调整的资金来源。');
			await host.getByRole('button', { name: '退回修改' }).click();
			await host.getByText('纪要已退回记录人修改').waitFor();
			await expect(host.getByTestId('minutes-status').textContent()).resolves.toBe('已退回修改');

			await recorder.goto(`/meetings/${meeting}/minutes`);
			await expect(recorder.getByTestId('minutes-return-comment').textContent()).resolves.toContain(
				'请写明预算调整的资金来源。'
			);
			const first = recorder.getByLabel('议定事项 1', { exact: true });
			await expect(first.inputValue()).resolves.toBe('做好年度预算调整工作');
			await first.fill('做好年度预算调整工作，资金从预备费中安排');
			await recorder.getByRole('button', { name: '送主持人审核' }).click();
			await recorder
				.getByRole('dialog', { name: '送审会议纪要' })
				.getByRole('button', { name: '送主持人审核' })
				.click();
			await recorder.getByText('纪要已送主持人审核').waitFor();
		});

		it('the host approves and the office issues: numbered 〔year〕1号, shown on the meeting', async () => {
			await host.goto(`/meetings/${meeting}/minutes`);
			await host.getByText('资金从预备费中安排').waitFor();
			await host.getByRole('button', { name: '审核通过' }).click();
			await host.getByText('纪要已审核通过').waitFor();

			await office.goto(`/meetings/${meeting}/minutes`);
			await office.getByRole('button', { name: '印发纪要' }).click();
			const dialog = office.getByRole('dialog', { name: '印发会议纪要' });
			await expect(dialog.textContent()).resolves.toMatch(/\d+ 人会收到系统通知和邮件/);
			await dialog.getByRole('button', { name: '印发纪要' }).click();
			await office.getByText(/纪要已印发，编号 〔\d{4}〕1号/).waitFor();
			const number = (await office.getByTestId('minutes-number').textContent())?.trim() ?? '';
			expect(number).toMatch(/^〔\d{4}〕1号$/);
			await expect(office.getByTestId('minutes-status').textContent()).resolves.toBe('已印发');

			await recorder.goto(`/meetings/${meeting}`);
			const block = recorder.getByTestId('meeting-minutes');
			await expect(block.getByTestId('meeting-minutes-number').textContent()).resolves.toBe(number);
			await block.getByText('做好年度预算调整工作，资金从预备费中安排').waitFor();
			await block.getByText('推进信息化项目建设').waitFor();
		});

		it('prints with the number and the 出席 / 请假 lines, and downloads as .docx', async () => {
			await office.goto(`/meetings/${meeting}/minutes/print`);
			const number = (await office.locator('.doc-number').textContent())?.trim() ?? '';
			expect(number).toMatch(/^〔\d{4}〕1号$/);
			await office.locator('.issuer', { hasText: '局务会议纪要' }).waitFor();
			const lines = await office.getByTestId('minutes-print-attendance').allTextContents();
			expect(lines.some((l) => l.startsWith('出席：') && l.includes('王建国'))).toBe(true);
			expect(lines.some((l) => l.startsWith('请假：'))).toBe(true);
			expect(lines).toContain('记录：周文斌');
			const decisions = await office.getByTestId('minutes-print-decision').allTextContents();
			expect(decisions[0]).toMatch(
				/^一、做好年度预算调整工作，资金从预备费中安排（牵头单位：财务审计科/
			);
			expect(decisions[1]).toContain(
				'二、推进信息化项目建设（牵头单位：信息中心；配合单位：办公室'
			);

			await office.goto(`/meetings/${meeting}/minutes`);
			const [download] = await Promise.all([
				office.waitForEvent('download'),
				office.getByRole('link', { name: '下载 Word 文档' }).click()
			]);
			expect(download.suggestedFilename()).toMatch(/\.docx$/);
			const path = await download.path();
			const { readFile } = await import('node:fs/promises');
			const zip = await JSZip.loadAsync(await readFile(path));
			const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
			expect(xml).toContain(number);
			expect(xml).toContain('一、做好年度预算调整工作，资金从预备费中安排');
			expect(xml).toContain('二、推进信息化项目建设');
			expect(xml).toContain('记录：周文斌');
		});

		it('a supervisor makes a decision a 督办 item in one click; the meeting shows its number and status', async () => {
			const supervisor = await as('dongminghui');
			await supervisor.goto('/supervision/new');
			const awaiting = supervisor
				.getByTestId('awaiting-decisions')
				.locator('li', { hasText: '做好年度预算调整工作，资金从预备费中安排' });
			await awaiting.getByTestId('register-decision').click();
			await supervisor.waitForURL(/\/supervision\/\d+$/);
			const itemPath = new URL(supervisor.url()).pathname;
			const number = (await supervisor.getByTestId('item-number').innerText()).trim();
			expect(number).toMatch(/^督〔\d{4}〕\d+号$/);
			await supervisor.getByText('财务审计科').first().waitFor();
			await expect(supervisor.getByTestId('item-status').innerText()).resolves.toBe('立项');
			// The item links back to the minutes it came from.
			await supervisor.locator(`a[href^="/meetings/${meeting}"]`).first().waitFor();
			// …and the decision has left the list of decisions waiting for an item.
			await supervisor.goto('/supervision/new');
			await supervisor.getByTestId('awaiting-decisions').getByText('推进信息化项目建设').waitFor();
			await expect(
				supervisor.getByTestId('awaiting-decisions').getByText('资金从预备费中安排').count()
			).resolves.toBe(0);
			await supervisor.context().close();

			// The host (a leader) reads the meeting: decision 1 shows its item; decision 2 can be
			// made one from here.
			await host.goto(`/meetings/${meeting}`);
			const decisions = host.getByTestId('minutes-decisions');
			await decisions.getByRole('link', { name: number }).waitFor();
			await expect(host.locator(`a[href="${itemPath}"]`).count()).resolves.toBe(1);
			await decisions.getByTestId('supervise-decision').click();
			await host.waitForURL(/\/supervision\/\d+$/);
			await host.getByText('信息中心').first().waitFor();
			const second = (await host.getByTestId('item-number').innerText()).trim();
			expect(second).not.toBe(number);
			await host.goto(`/meetings/${meeting}`);
			await host.getByTestId('minutes-decisions').getByRole('link', { name: second }).waitFor();
			await expect(host.getByTestId('supervise-decision').count()).resolves.toBe(0);
		});
	});
}
