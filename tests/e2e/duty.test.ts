import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PEOPLE } from '../../src/lib/server/demo/demo-data';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';

// Next year's 国庆节, so that every shift is still ahead and may be swapped: the administrator
// enters it in the holiday calendar as the State Council's schedule would announce it.
const YEAR = new Date().getFullYear() + 1;
const DAYS = [`${YEAR}-10-01`, `${YEAR}-10-02`, `${YEAR}-10-03`];
// As pages show these days (issue 9): 10月1日 in tables with a 星期 column, 10月3日（星期六） in lists.
const MONTH_DAY = ['10月1日', '10月2日', '10月3日'];
const withWeekday = (date: string) =>
	`${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日（星期${'日一二三四五六'[new Date(date + 'T00:00:00Z').getUTCDay()]}）`;

function usernameOf(name: string): string {
	const p = DEMO_PEOPLE.find((x) => x.name === name);
	if (!p) throw new Error(`no demo person named ${name}`);
	return p.username;
}

/** The names in the 带班领导 and 值班员 cells of the roster row for a date like 10月1日. */
async function rosterRow(page: Page, day: string) {
	const cells = page.getByRole('row', { name: new RegExp(`^${day}`) }).getByRole('cell');
	return {
		leader: (await cells.nth(2).innerText()).trim(),
		officer: (await cells.nth(3).innerText()).trim()
	};
}

async function signedIn(browser: Browser, url: string, username: string): Promise<Page> {
	const page = await newPage(browser, url);
	await signIn(page, username, DEMO_PASSWORD);
	await page.getByRole('heading', { name: '我的工作台' }).waitFor();
	return page;
}

for (const dialect of e2eDialects('postgres')) {
	describe(`holiday duty roster [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let office: Page;
		let rosterUrl = '';
		let away = '';

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			const admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
			await admin.goto(`/admin/holidays?year=${YEAR}`);
			for (const [i, date] of DAYS.entries()) {
				await admin.getByLabel('日期').fill(date);
				await admin.getByLabel('名称').fill('国庆节');
				await admin.getByRole('button', { name: '保存', exact: true }).click();
				await admin.getByRole('cell', { name: MONTH_DAY[i], exact: true }).waitFor();
			}
			await admin.context().close();
			office = await signedIn(browser, app.url, 'zhouwenbin'); // 办公室主任
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('creates 国庆节 from the holiday calendar, keeps an unavailable person off it, and publishes', async () => {
			await office.goto(`/duty/new?year=${YEAR}`);
			await office
				.getByLabel('节日')
				.selectOption({ label: `国庆节（${YEAR}年10月1日—10月3日，3 天）` });
			await office.getByLabel('值班电话').fill('0571-87001234');
			await office.getByRole('button', { name: '创建值班期' }).click();
			await office.getByRole('heading', { name: `值班设置 · ${YEAR}年国庆节值班` }).waitFor();
			rosterUrl = new URL(office.url()).pathname.replace(/\/setup$/, '');
			await office.goto(rosterUrl);
			await office.getByRole('button', { name: '自动排班' }).click();
			await office.getByText('已自动排班，请核对后发布').waitFor();
			away = (await rosterRow(office, '10月1日')).officer;

			// The first day's officer goes on leave: marked unavailable, then the roster is redone.
			await office.goto('/duty/unavailability');
			// An empty submit lists every missing field at once in the summary at the top, each
			// linked to its field.
			await office.getByRole('button', { name: '登记', exact: true }).click();
			const summary = office.getByRole('alert').filter({ hasText: '提交未成功' });
			await summary.getByText('提交未成功，有 4 处需要修改：').waitFor();
			for (const field of ['人员', '开始日期', '结束日期', '原因'])
				await summary.getByRole('link', { name: new RegExp(`^${field}：`) }).waitFor();
			await summary.getByRole('link', { name: /^原因：/ }).click();
			await expect(
				office.evaluate(() => document.activeElement?.getAttribute('name'))
			).resolves.toBe('reason');
			// The person is chosen in the picker, found by name.
			const who = office.getByLabel('人员', { exact: true });
			await who.fill(away);
			await office.getByRole('treeitem', { name: away, exact: true }).click();
			await office.getByRole('button', { name: `移除 ${away}` }).waitFor();
			await office.getByLabel('开始日期').fill(DAYS[0]);
			await office.getByLabel('结束日期').fill(DAYS[2]);
			await office.getByLabel('原因').fill('年休假');
			await office.getByRole('button', { name: '登记', exact: true }).click();
			await office.getByRole('cell', { name: '年休假', exact: true }).waitFor();
			await expect(summary.count()).resolves.toBe(0);
			await office.goto(rosterUrl);
			// Generating over a roster asks first, saying how many places it replaces.
			await office.getByRole('button', { name: '自动排班' }).click();
			const redo = office.getByRole('dialog', { name: '重新自动排班？' });
			await redo.getByText('将重新排定 6 个已排人的岗位，现有安排会被覆盖').waitFor();
			await redo.getByRole('button', { name: '取消' }).click();
			await expect(redo.isVisible()).resolves.toBe(false);
			expect((await rosterRow(office, '10月1日')).officer).toBe(away);
			await office.getByRole('button', { name: '自动排班' }).click();
			await redo.getByRole('button', { name: '覆盖并重新排班' }).click();
			await office.getByText('已自动排班，请核对后发布').waitFor();
			await expect(
				office.getByRole('table').getByText(away, { exact: true }).count()
			).resolves.toBe(0);
			await office
				.getByText(/负荷差（最高−最低）：带班领导 本期 [\d.]+，累计 [\d.]+；值班员 本期 [\d.]+/)
				.waitFor();
			await office.getByText('所有岗位均已排人。').waitFor();
			const people = new Set(
				(
					await Promise.all(['10月1日', '10月2日', '10月3日'].map((d) => rosterRow(office, d)))
				).flatMap((r) => [r.leader, r.officer])
			);
			await office.getByRole('button', { name: '发布值班表' }).click();
			const publish = office.getByRole('dialog', { name: '发布值班表？' });
			await publish.getByText(`发布后将通知 ${people.size} 名值班人员各自的班次`).waitFor();
			await publish.getByRole('button', { name: '发布并通知' }).click();
			await office.getByText('值班表已发布，已通知值班人员').waitFor();
		});

		it('prints the roster and exports an .xlsx with the same rows', async () => {
			const rows = await Promise.all(
				['10月1日', '10月2日', '10月3日'].map((d) => rosterRow(office, d))
			);
			await office.goto(rosterUrl + '/print');
			await office.getByRole('heading', { name: `某市某局${YEAR}年国庆节值班表` }).waitFor();
			for (const r of rows) await office.getByRole('cell', { name: r.officer }).first().waitFor();
			const res = await office.request.get(rosterUrl + '/export.xlsx');
			expect(res.status()).toBe(200);
			const book = new ExcelJS.Workbook();
			await book.xlsx.load(Buffer.from(await res.body()) as unknown as ArrayBuffer);
			const sheet = book.worksheets[0];
			const values: string[][] = [];
			sheet.eachRow((row) =>
				values.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')))
			);
			const body = values.filter((v) => /^\d+月\d+日$/.test(v[0]));
			expect(body.map((v) => v[0])).toEqual(['10月1日', '10月2日', '10月3日']);
			expect(body.map((v) => v.join('|'))).toEqual(
				rows.map((r) => expect.stringContaining(`${r.leader}|${r.officer}`))
			);
			// Both leave a trace the security auditor reads: who printed and who exported it.
			const auditor = await newPage(browser, app.url);
			await signIn(auditor, 'weizixuan', DEMO_PASSWORD); // 安全审计员
			await auditor.waitForURL(/\/audit$/); // signed in: the auditor lands on the audit log
			for (const action of ['duty.print', 'duty.export']) {
				await auditor.goto('/audit?action=' + action);
				const row = auditor.getByRole('row', { name: new RegExp(`周文斌.*${action}`) });
				await row.first().waitFor();
			}
			await auditor.close();
		});

		it('hands a shift to a colleague once the colleague accepts and the office approves', async () => {
			await office.goto(rosterUrl);
			const rows = await Promise.all(
				['10月1日', '10月2日', '10月3日'].map((d) => rosterRow(office, d))
			);
			const onRoster = new Set(rows.flatMap((r) => [r.leader, r.officer]));
			const giver = rows[0].officer;
			const loads = async (name: string) => {
				await office.goto(rosterUrl + '/fairness');
				const cells = office
					.getByRole('row', { name: new RegExp(`^${name}`) })
					.first()
					.getByRole('cell');
				// 姓名, 部门, 本期班次, 本期负荷 …
				return { shifts: await cells.nth(2).innerText(), load: await cells.nth(3).innerText() };
			};
			expect(await loads(giver)).toEqual({ shifts: '1', load: '1' });

			const page = await signedIn(browser, app.url, usernameOf(giver));
			await page.goto(rosterUrl);
			await page.getByRole('link', { name: '申请调班' }).first().click();
			await page.getByLabel('替班').check();
			// Anyone free but the office head, who approves and may not approve his own swap: the
			// person opens every department of the picker and reads the names not marked as blocked.
			const colleagueBox = page.getByLabel('同事', { exact: true });
			await colleagueBox.click();
			const departments = page.getByRole('treeitem', { level: 1 });
			for (let i = 0; i < (await departments.count()); i++) await departments.nth(i).click();
			const free = page.locator('[role="treeitem"][aria-level="2"]:not([aria-disabled])');
			const names = await free.evaluateAll((items) =>
				items.map((i) => i.getAttribute('aria-label') ?? '')
			);
			const taker = names.find(
				(n) =>
					DEMO_PEOPLE.some((p) => p.name === n) && !onRoster.has(n) && n !== away && n !== '周文斌'
			)!;
			await colleagueBox.fill(taker);
			await page.getByRole('treeitem', { name: taker, exact: true }).click();
			await page.getByRole('button', { name: `移除 ${taker}` }).waitFor();
			await page.getByLabel('原因').fill('家中有事');
			await page.getByRole('button', { name: '提交申请' }).click();
			await page.getByText('调班申请已发出，等待对方确认').waitFor();
			// Nothing changes before approval.
			await office.goto(rosterUrl);
			expect((await rosterRow(office, '10月1日')).officer).toBe(giver);

			const colleague = await signedIn(browser, app.url, usernameOf(taker));
			await colleague.goto('/duty/swaps');
			await colleague.getByRole('button', { name: '同意' }).click();
			await colleague.getByText('已同意，等待办公室审批').waitFor();
			await colleague.context().close();

			await office.goto('/duty/swaps');
			// A rejection needs a reason: the refusal shows in that request's own form.
			await office.getByRole('button', { name: '驳回' }).click();
			const refusal = office.getByRole('alert').filter({ hasText: '提交未成功' });
			await refusal.getByRole('link', { name: /^审批意见：/ }).click();
			await expect(
				office.evaluate(() => document.activeElement?.getAttribute('name'))
			).resolves.toBe('note');
			await office.getByRole('button', { name: '批准' }).click();
			await office.getByText('已批准，值班表已更新').waitFor();
			await office.goto(rosterUrl);
			expect((await rosterRow(office, '10月1日')).officer).toBe(taker);
			// The ledger moved with the shift.
			expect(await loads(giver)).toEqual({ shifts: '0', load: '0' });
			expect(await loads(taker)).toEqual({ shifts: '1', load: '1' });
			await page.context().close();
		});

		it('lets the officer on duty log a call and hand over, and the next shift acknowledge', async () => {
			await office.goto(rosterUrl);
			const first = (await rosterRow(office, '10月1日')).officer;
			const second = (await rosterRow(office, '10月2日')).officer;
			const page = await signedIn(browser, app.url, usernameOf(first));
			await page.goto(rosterUrl + '/log');
			await page.getByRole('link', { name: MONTH_DAY[0] }).click();
			await page.getByLabel('时间', { exact: true }).fill('10:15');
			await page.getByLabel('来电人/来访人').fill('李先生');
			await page.getByLabel('单位', { exact: true }).fill('市民');
			await page.getByLabel('电话', { exact: true }).fill('13805710001');
			await page.getByLabel('事项', { exact: true }).fill('咨询节日期间办事大厅是否开放');
			await page.getByLabel('处理情况').fill('告知节后恢复办理');
			await page.getByRole('button', { name: '保存记录' }).click();
			await page.getByText('已添加记录').waitFor();
			await page.getByRole('cell', { name: '咨询节日期间办事大厅是否开放' }).waitFor();
			await page.getByLabel('交班事项').fill('市民咨询已答复，无未办结事项。');
			await page.getByRole('button', { name: '保存交班事项' }).click();
			await page.getByText('已保存交班事项').waitFor();
			await page.context().close();

			const next = await signedIn(browser, app.url, usernameOf(second));
			await next.goto(rosterUrl + '/log');
			await next.getByRole('link', { name: MONTH_DAY[1] }).click();
			await next.getByText('市民咨询已答复，无未办结事项。').waitFor();
			await next.getByRole('button', { name: '确认交接' }).click();
			await next.getByText('已确认交接').waitFor();
			const firstLog = next.url().replace(/\/\d{4}-\d{2}-\d{2}$/, `/${DAYS[0]}`);
			await next.context().close();

			// The office sorts the period's log by date, latest first.
			await office.goto(rosterUrl + '/log');
			const dateHead = office.getByRole('columnheader', { name: '日期', exact: true });
			const firstDates = async () =>
				(await office.locator('tbody tr td:first-child').allInnerTexts()).map((t) => t.trim());
			await expect(firstDates()).resolves.toEqual(MONTH_DAY);
			await dateHead.getByRole('button').click();
			await expect(dateHead.getAttribute('aria-sort')).resolves.toBe('ascending');
			await dateHead.getByRole('button').click();
			await expect(dateHead.getAttribute('aria-sort')).resolves.toBe('descending');
			await expect(firstDates()).resolves.toEqual([...MONTH_DAY].reverse());
			// … searches the logs by a keyword, and clears the filter again.
			await office.goto('/duty/logs');
			const search = office.getByRole('search');
			await search.getByLabel('关键词').fill('办事大厅');
			await search.getByRole('button', { name: '搜索', exact: true }).click();
			await office.waitForURL(/q=/);
			await office.getByRole('cell', { name: '咨询节日期间办事大厅是否开放' }).first().waitFor();
			await search.getByRole('link', { name: '清除筛选' }).click();
			await office.waitForURL((url) => !url.searchParams.has('q'));
			await expect(search.getByLabel('关键词').inputValue()).resolves.toBe('');
			await expect(search.getByRole('link', { name: '清除筛选' }).count()).resolves.toBe(0);

			// Another staff member, on no shift of the roster, cannot open the first day's log.
			const serving = new Set(
				(
					await Promise.all(['10月1日', '10月2日', '10月3日'].map((d) => rosterRow(office, d)))
				).flatMap((r) => [r.leader, r.officer])
			);
			const outsider = DEMO_PEOPLE.find(
				(p) => p.roles.length === 1 && p.roles[0] === 'staff' && !serving.has(p.name)
			)!;
			const other = await signedIn(browser, app.url, outsider.username);
			await other.goto(rosterUrl + '/log');
			await other.getByRole('cell', { name: MONTH_DAY[0] }).waitFor();
			await expect(other.getByRole('link', { name: MONTH_DAY[0] }).count()).resolves.toBe(0);
			const res = await other.goto(firstLog);
			expect(res?.status()).toBe(403);
			await expect(other.getByText('李先生').count()).resolves.toBe(0);
			await other.context().close();
		});

		it('empties a published slot only by an explicit choice, and shows it as unfilled', async () => {
			await office.goto(rosterUrl);
			const holder = (await rosterRow(office, '10月3日')).officer;
			await office
				.getByRole('row', { name: /^10月3日/ })
				.getByRole('link', { name: `调整 ${holder}` })
				.click();
			// The editor opens on the person who holds the slot, chosen in the picker.
			await office.getByRole('button', { name: `移除 ${holder}` }).waitFor();
			await office.getByLabel('调整原因').fill('临时出差');
			await office.getByRole('button', { name: '保存', exact: true }).click();
			await office.getByText('所选人员就是现在的值班人员，未作调整').first().waitFor();
			// Once published, removing the person is not "未排": emptying takes its own box.
			await office.getByRole('button', { name: `移除 ${holder}` }).click();
			await office.getByRole('button', { name: '保存', exact: true }).click();
			await office
				.getByText('请选择接替的值班人员；确需空出此岗位，请勾选“清空此岗位”')
				.first()
				.waitFor();
			await office.getByRole('checkbox', { name: /清空此岗位/ }).check();
			await office.getByLabel('调整原因').fill('临时出差');
			await office.getByRole('button', { name: '保存', exact: true }).click();
			await office.getByText('已调整').first().waitFor();
			await office.goto(rosterUrl);
			expect((await rosterRow(office, '10月3日')).officer).toBe('未排');
			await office.getByText('1 个岗位未排人：').waitFor();
			await office.getByText(`${withWeekday(DAYS[2])} 全天 · 值班员：已手工清空`).waitFor();
			await expect(office.getByText('所有岗位均已排人。').count()).resolves.toBe(0);
		});

		it('keeps names, dates and status tags whole in the tables of a phone', async () => {
			const phone = await newPage(browser, app.url, true);
			await signIn(phone, 'zhouwenbin', DEMO_PASSWORD);
			await phone.getByRole('heading', { name: '我的工作台' }).waitFor();
			for (const url of [rosterUrl, rosterUrl + '/log', '/duty', '/meetings']) {
				await phone.goto(url);
				await phone.locator('tbody td').first().waitFor();
				// A cell's text may wrap only at a space or after punctuation (、：；，）—), never
				// inside a name, a date, a weekday or a status tag: no "欧阳晓/东", "1月28/日", "已/发/通/知".
				const broken = await phone.evaluate(() => {
					const out: string[] = [];
					const range = document.createRange();
					for (const td of document.querySelectorAll('tbody td')) {
						const walk = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
						for (let n = walk.nextNode(); n; n = walk.nextNode()) {
							const text = n.textContent ?? '';
							let prevTop: number | null = null;
							for (let i = 0; i < text.length; i++) {
								if (/\s/.test(text[i])) continue;
								range.setStart(n, i);
								range.setEnd(n, i + 1);
								const rect = range.getClientRects()[0];
								if (!rect) continue;
								const top = Math.round(rect.top);
								const before = text.slice(0, i).trimEnd().slice(-1);
								const allowed =
									/\s/.test(text[i - 1]) ||
									/[：；、，。）—–·-]/.test(before) ||
									/[（—–]/.test(text[i]);
								if (prevTop !== null && top > prevTop + 2 && !allowed)
									out.push(`${text.slice(Math.max(0, i - 4), i)}/${text.slice(i, i + 4)}`);
								prevTop = top;
							}
						}
					}
					return out;
				});
				expect({ url, broken }).toEqual({ url, broken: [] });
			}
			// On a phone the office picks a person by pinyin initials and taps the name.
			await phone.goto('/duty/unavailability');
			await phone.getByLabel('人员', { exact: true }).fill('zwb');
			await phone.getByRole('treeitem', { name: '周文斌', exact: true }).tap();
			await phone.getByRole('button', { name: '移除 周文斌' }).waitFor();
			await phone.context().close();
		});
	});
}
