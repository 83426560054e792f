import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { e2eDialects, startApp, type RunningApp } from './app';
import { launchBrowser, newPage, setupWithDemo, signIn } from './browser';
import { icsMethod, startSmtp } from './smtp';
import { issueNotice, saveMeetingDraft } from './meeting-steps';

const DEMO = 'Demo@2026';
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

for (const dialect of e2eDialects('sqlite')) {
	describe(`a meeting from plan to bulletin [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let office: Page;
		let smtp: Awaited<ReturnType<typeof startSmtp>>;
		let meetingUrl = '';
		const TITLE = '政策法规科工作例会';
		// Mail about this journey's meeting only: the demo bureau's own meetings send reminders
		// (and 督办 its urges) whenever the wall clock makes them due while the journey runs.
		const ours = () => smtp.mails.filter((m) => (m.subject ?? '').includes(TITLE));

		beforeAll(async () => {
			smtp = await startSmtp();
			[app, browser] = await Promise.all([
				startApp(dialect, { SMTP_URL: smtp.url, SCHEDULER_INTERVAL_MS: '1000' }),
				launchBrowser()
			]);
			office = await newPage(browser, app.url);
			await setupWithDemo(office);
			await office.context().clearCookies();
			await signIn(office, 'zhouwenbin', DEMO); // 办公室主任
			await office.getByRole('heading', { name: '我的工作台' }).waitFor();
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
			await smtp?.stop();
		});

		it('shows every error of a refused plan at once, each linked to its field', async () => {
			await office.goto('/meetings/new');
			await office.getByLabel('会议地点').fill('市政府第一会议室');
			await office.getByLabel('第 1 项议题').fill('本周工作安排');
			await office.getByLabel('开始时间').fill('');
			await office.getByLabel('结束时间').fill('');
			await office.getByRole('button', { name: '保存草稿' }).click();
			const summary = office.getByRole('alert').filter({ hasText: '提交未成功' });
			await summary.waitFor();
			// One submit names them all: title, type, start and end time.
			const links = summary.getByRole('link');
			await expect(links.count()).resolves.toBeGreaterThanOrEqual(4);
			await summary.getByRole('link', { name: /^会议名称：/ }).waitFor();
			await summary.getByRole('link', { name: /^会议类型：/ }).waitFor();
			await summary.getByRole('link', { name: /^开始时间：/ }).waitFor();
			await expect(
				office.evaluate(() => document.activeElement?.classList.contains('error-summary'))
			).resolves.toBe(true);
			// The link takes the user to the field, and the field says what is wrong.
			await summary.getByRole('link', { name: /^会议类型：/ }).click();
			await expect(office.evaluate(() => document.activeElement?.id)).resolves.toBe(
				'meeting-typeId'
			);
			await expect(office.getByLabel('会议类型').getAttribute('aria-invalid')).resolves.toBe(
				'true'
			);
			// What was typed stays.
			await expect(office.getByLabel('会议地点').inputValue()).resolves.toBe('市政府第一会议室');
			await expect(office.getByLabel('第 1 项议题').inputValue()).resolves.toBe('本周工作安排');
		});

		it('keeps the room catalogue: sorted by capacity, a refused room with all its errors', async () => {
			await office.goto('/meetings/rooms');
			const catalogue = office.locator('table', {
				has: office.getByRole('columnheader', { name: /容纳人数/ })
			});
			await catalogue
				.getByRole('columnheader', { name: /容纳人数/ })
				.getByRole('button')
				.click();
			const seats = await catalogue
				.locator('tbody tr td:nth-child(3)')
				.evaluateAll((cells) => cells.map((c) => parseInt(c.textContent ?? '', 10)));
			expect(seats.length).toBeGreaterThan(1);
			expect(seats).toEqual([...seats].sort((a, b) => a - b));

			await office.getByLabel('位置').fill('机关大楼 2 楼');
			await office.getByRole('button', { name: '添加会议室' }).click();
			const summary = office.getByRole('alert').filter({ hasText: '提交未成功' });
			await summary.getByRole('link', { name: /^名称：/ }).waitFor();
			await summary.getByRole('link', { name: /^容纳人数：/ }).waitFor();
			await expect(office.getByLabel('位置').inputValue()).resolves.toBe('机关大楼 2 楼');
		});

		it('lets the office plan a meeting in a room with a whole department and issue the notice', async () => {
			const start = beijing(20);
			const end = beijing(80);
			meetingUrl = await saveMeetingDraft(office, {
				title: '政策法规科工作例会',
				date: start.date,
				endDate: end.date,
				start: start.time,
				end: end.time,
				room: '第二会议室（20 座）',
				department: '政策法规科',
				topic: '本周工作安排'
			});
			// A confirm step says how many people the notice reaches.
			await issueNotice(office, 6);
			await expect
				.poll(() => ours().filter((m) => icsMethod(m) === 'REQUEST').length, {
					timeout: 20_000
				})
				.toBe(6);
		});

		it('filters the meeting list, clears the filter, and sorts the replies', async () => {
			await office.goto('/meetings?scope=all');
			await expect(office.getByRole('link', { name: '清除筛选' }).count()).resolves.toBe(0);
			await office.getByLabel('状态').selectOption({ label: '草稿' });
			await office.getByRole('button', { name: '筛选', exact: true }).click();
			await office.waitForURL(/status=draft/);
			await expect(office.getByRole('link', { name: '政策法规科工作例会' }).count()).resolves.toBe(
				0
			);
			await office.getByRole('link', { name: '清除筛选' }).click();
			await office.waitForURL((u) => !u.search.includes('status'));
			// The scope tab is kept; the issued meeting is back.
			expect(new URL(office.url()).searchParams.get('scope')).toBe('all');
			await office.getByRole('link', { name: '政策法规科工作例会' }).waitFor();
			await expect(office.getByRole('link', { name: '清除筛选' }).count()).resolves.toBe(0);

			await office.goto(meetingUrl);
			const replies = office.locator('section', {
				has: office.getByRole('heading', { name: /^回执情况/ })
			});
			const header = replies.getByRole('columnheader', { name: /姓名/ });
			await header.getByRole('button').click();
			await expect(header.getAttribute('aria-sort')).resolves.toBe('ascending');
			const names = await replies
				.locator('tbody tr')
				.evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent?.trim() ?? ''));
			expect(names.length).toBe(6);
			const collator = new Intl.Collator('zh-CN', { numeric: true });
			expect(names).toEqual([...names].sort(collator.compare));
			await header.getByRole('button').click();
			await expect(header.getAttribute('aria-sort')).resolves.toBe('descending');
		});

		it('shows the participant the meeting at home and in the calendar, and takes a deputy reply', async () => {
			const page = await newPage(browser, app.url);
			await signIn(page, 'linhaiyan', DEMO); // 政策法规科 副科长
			await page.getByRole('link', { name: '请回执：政策法规科工作例会' }).waitFor();
			// One date presentation (issue 9): 2026年12月7日（星期一）14:30, 星期 and never 周.
			await page
				.getByText(/^\d{4}年\d{1,2}月\d{1,2}日（星期[一二三四五六日]）\d\d:\d\d$/)
				.first()
				.waitFor();
			await page.goto('/meetings/calendar');
			await page.getByText('政策法规科工作例会').first().waitFor();
			await page.getByText('星期一', { exact: true }).first().waitFor();
			await expect(page.getByText('周一', { exact: true }).count()).resolves.toBe(0);
			await page.goto(meetingUrl);
			// 请假 without a reason is refused in the reply form's own summary.
			await page.getByLabel('请假').check();
			await page.getByRole('button', { name: '提交回执' }).click();
			await page
				.getByRole('alert')
				.getByRole('link', { name: /^请假原因：/ })
				.waitFor();
			await page.getByLabel('代会').check();
			// The deputy is found by pinyin initials in the person picker.
			await page.getByLabel('代会人员').fill('yf');
			await page.getByRole('treeitem', { name: '杨帆 副科长' }).click();
			await page.getByRole('button', { name: '移除 杨帆' }).waitFor();
			await page.getByRole('button', { name: '提交回执' }).click();
			await page.getByText('回执已提交').waitFor();
			await expect
				.poll(() => ours().filter((m) => JSON.stringify(m.to).includes('yangfan')).length, {
					timeout: 20_000
				})
				.toBe(1);
			await page.context().close();
		});

		it('lets the deputy confirm and check in by QR link on a phone', async () => {
			await office.goto(meetingUrl + '/checkin');
			const link = await office.getByLabel('签到链接').inputValue();
			// The office ticks someone in by hand from the list, and takes it back.
			await office.getByRole('button', { name: '为 胡国平 手工签到' }).click();
			await office.getByRole('button', { name: '撤销 胡国平 的签到' }).click();
			await office.getByRole('button', { name: '为 胡国平 手工签到' }).waitFor();
			const phone = await newPage(browser, app.url, true);
			await signIn(phone, 'yangfan', DEMO);
			await phone.getByRole('heading', { name: '我的工作台' }).waitFor();
			// The confirmation they owe is in their 待办.
			await phone
				.getByRole('link', { name: /^请确认代会：政策法规科工作例会（代林海燕参加）/ })
				.waitFor();
			await phone.goto(meetingUrl);
			await phone.getByRole('button', { name: '确认代会' }).click();
			await phone.getByText('已确认代会', { exact: true }).waitFor();
			await phone.goto(link);
			await phone.getByRole('button', { name: '签到' }).click();
			await phone.getByText('签到成功').waitFor();
			await phone.getByText('代 林海燕 签到').waitFor();
			await phone.context().close();
		});

		it('counts the deputy in the bulletin and sends CANCEL when the meeting is called off', async () => {
			await office.goto(meetingUrl + '/bulletin');
			// 应到 实到 请假 代会 缺席 迟到: the deputy is present for 林海燕; the meeting has not
			// started, so the five others are not (yet) absent.
			const row = office.getByRole('row', { name: /^政策法规科/ }).first();
			await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
				'政策法规科',
				'6',
				'1',
				'0',
				'1',
				'0',
				'0'
			]);
			await office.goto(meetingUrl);
			await office.getByText('取消会议').click();
			// Without a reason nothing is cancelled: the form says so and keeps its box open.
			await office.getByRole('button', { name: '确认取消并通知参会人员' }).click();
			await office
				.getByRole('dialog', { name: '取消这次会议？' })
				.getByRole('button', { name: '确定取消' })
				.click();
			await office
				.getByRole('alert')
				.getByRole('link', { name: /^取消原因：/ })
				.waitFor();
			await office.getByLabel('取消原因').fill('与市政府会议冲突');
			await office.getByRole('button', { name: '确认取消并通知参会人员' }).click();
			await office
				.getByRole('dialog', { name: '取消这次会议？' })
				.getByRole('button', { name: '确定取消' })
				.click();
			await office.getByText('会议已取消，已通知参会人员').waitFor();
			await expect
				.poll(() => ours().filter((m) => icsMethod(m) === 'CANCEL').length, { timeout: 20_000 })
				.toBe(7);
			const cancel = ours().find((m) => icsMethod(m) === 'CANCEL')!;
			expect(cancel.subject).toContain('取消');
		});
	});
}
