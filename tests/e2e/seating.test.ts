import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { rankedSeats, type Layout } from '../../src/lib/domain/seating';
import { e2eDialects, startApp, type RunningApp } from './app';
import { DEMO_PASSWORD, launchBrowser, newPage, setupWithDemo, signIn } from './browser';
import { beijingDate } from './dates';

// The journey: the office keeps a template for 党组会议室 (a 7-seat 主席台 and two floor
// blocks), calls the 局领导 and 周文斌 (出席) and 政策法规科 (列席) to a meeting there, arranges
// the floor 按姓氏笔画 and sees the rostrum as 7 5 3 1 2 4 6 from the audience; swaps two seats
// and locks one with the keyboard alone; prints the chart and the name cards with no name cut;
// a participant then finds their seat on a phone.

const ROOM = '党组会议室';
const MEETING = '全局工作部署会议';
/** The seven attendees by precedence (demo 局长 1, 副局长 2–5, 党组成员 6, 办公室主任 11). */
const BY_RANK = ['王建国', '陈志强', '欧阳晓东', '刘卫东', '赵丽华', '孙立群', '周文斌'];
/**
 * 政策法规科 以姓氏笔画为序: 文 4, 沈 7, 林 8, 胡 9 (first stroke 横) before 洪 9 (first stroke
 * 丶), 熊 14.
 */
const BY_SURNAME_STROKES = ['文涛', '沈嘉怡', '林海燕', '胡国平', '洪少东', '熊伟'];
const LAYOUT: Layout = { kind: 'hall', rostrum: [7], floor: { rows: 2, blocks: [4, 4] } };
/** A 会谈 in the same room: three of ours (precedence 1, 2, 11) and two typed-in guests. */
const TALKS = '中外合作会谈';
const HOSTS = [
	['王建国', '局长'],
	['陈志强', '副局长'],
	['周文斌', '主任']
] as const;
const GUESTS = [
	['约翰逊', '代表团团长'],
	['史密斯', '代表团副团长']
] as const;

for (const dialect of e2eDialects('sqlite')) {
	describe(`座次 from template to name cards and a phone [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let office: Page;
		let meetingUrl = '';

		const seatName = async (key: string) =>
			(await office.getByTestId(`seat-${key}`).locator('.name').innerText()).trim();
		const said = (text: string | RegExp) =>
			office.getByTestId('seating-live').getByText(text).waitFor();

		beforeAll(async () => {
			[app, browser] = await Promise.all([startApp(dialect), launchBrowser()]);
			const admin = await newPage(browser, app.url);
			await setupWithDemo(admin);
			await admin.context().close();
			office = await newPage(browser, app.url);
			await signIn(office, 'zhouwenbin', DEMO_PASSWORD); // 办公室主任
			await office.getByRole('heading', { name: '我的工作台' }).waitFor();
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
		});

		it('keeps a seating template for the room, drawn with a live preview', async () => {
			await office.goto('/meetings/rooms');
			await office
				.getByRole('row', { name: new RegExp(ROOM) })
				.getByRole('link', { name: '座次模板' })
				.click();
			await office.getByRole('heading', { name: `${ROOM} · 座次模板` }).waitFor();
			await office.getByText('还没有座次模板').waitFor();
			await office.getByLabel('模板名称').fill('常规会议');
			await office.getByLabel('主席台排数').fill('1');
			await office.getByLabel('主席台第1排座位数').fill('7');
			await office.getByLabel('场内排数').fill('2');
			await office.getByLabel('分区数（过道隔开）').fill('2');
			await office.getByLabel('第1区每排座位数').fill('4');
			await office.getByLabel('第2区每排座位数').fill('4');
			await office.getByText('共 23 个座位').waitFor();
			await office.getByRole('button', { name: '保存', exact: true }).click();
			await office.getByText('座次模板已保存。').waitFor();
			await office.getByRole('cell', { name: '常规会议', exact: true }).waitFor();
		});

		it('calls the leaders and 政策法规科 to a meeting in that room', async () => {
			await office.goto('/meetings/new');
			await office.getByLabel('会议名称').fill(MEETING);
			await office.getByLabel('会议类型').selectOption({ label: '工作会议' });
			await office.getByLabel('日期', { exact: true }).fill(beijingDate(9));
			await office.getByLabel('开始时间').fill('19:00');
			await office.getByLabel('结束时间').fill('20:00');
			const rooms = office.getByLabel('会议室', { exact: true });
			const room = await rooms.locator('option', { hasText: ROOM }).getAttribute('value');
			await rooms.selectOption(room!);
			const attendees = office.getByLabel('出席', { exact: true });
			await attendees.fill('');
			await office.getByRole('treeitem', { name: '局领导（6 人）' }).click();
			await attendees.fill('zwb');
			await office.getByRole('treeitem', { name: '周文斌 主任' }).waitFor();
			await attendees.press('Enter');
			const observers = office.getByLabel('列席', { exact: true });
			await observers.fill('');
			await office.getByRole('treeitem', { name: '政策法规科（6 人）' }).click();
			await office.getByLabel('第 1 项议题').fill('部署下一阶段工作');
			await office.getByRole('button', { name: '保存草稿' }).click();
			await office.getByText('已保存').waitFor();
			meetingUrl = new URL(office.url()).pathname;
			await office.getByRole('button', { name: '发出通知' }).click();
			await office
				.getByRole('dialog', { name: '发出会议通知？' })
				.getByRole('button', { name: '确认发出' })
				.click();
			await office.getByText('通知已发出').waitFor();
		});

		it('sets up the plan from the template and arranges it: rostrum 7 5 3 1 2 4 6', async () => {
			await office.getByRole('link', { name: '座次', exact: true }).click();
			await office.getByRole('heading', { name: '座次安排' }).waitFor();
			await office.getByText('还没有座次表').waitFor();
			await office.getByLabel('使用会议室的座次模板').check();
			await office.getByLabel('座次模板', { exact: true }).selectOption({ label: '常规会议' });
			await office.getByLabel('以左为上（国内惯例）').check();
			await office.getByLabel('场内排序').selectOption({ label: '按姓氏笔画' });
			await office.getByTestId('seating-setup-save').click();
			await office.getByText('座次设置已保存。').waitFor();
			await office.getByTestId('seating-arrange').click();
			await office.getByText('已自动排座。').waitFor();
			// From the audience's left to right, by precedence.
			const rostrum: number[] = [];
			for (let n = 1; n <= 7; n++) rostrum.push(BY_RANK.indexOf(await seatName(`R1-${n}`)) + 1);
			expect(rostrum).toEqual([7, 5, 3, 1, 2, 4, 6]);
			// The floor's best seats (front row, centre out) hold 政策法规科 by surname strokes.
			const floor = rankedSeats(LAYOUT, 'left', '12').floor.slice(0, BY_SURNAME_STROKES.length);
			const names: string[] = [];
			for (const key of floor) names.push(await seatName(key));
			expect(names).toEqual(BY_SURNAME_STROKES);
			await office.getByText('所有参会人员都已安排座位。').waitFor();
		});

		it('swaps two seats and locks one with the keyboard alone', async () => {
			const first = await seatName('R1-1');
			const second = await seatName('R1-2');
			await office.getByTestId('seat-R1-1').focus();
			await office.keyboard.press('Enter');
			await said(/^已选中 主席台第1排第1座/);
			await office.keyboard.press('ArrowRight');
			await expect(
				office.evaluate(() => document.activeElement?.getAttribute('data-seat-button'))
			).resolves.toBe('R1-2');
			await office.keyboard.press('Enter');
			await said(/^已交换 主席台第1排第1座/);
			await expect.poll(() => seatName('R1-1')).toBe(second);
			expect(await seatName('R1-2')).toBe(first);
			// Escape drops a pick; L locks the focused seat.
			await office.keyboard.press('ArrowLeft');
			await office.keyboard.press('Space');
			await said(/^已选中/);
			await office.keyboard.press('Escape');
			await said('已取消选择。');
			await office.keyboard.press('l');
			await said(/^已锁定 主席台第1排第1座/);
			await office
				.getByRole('button', { name: new RegExp(`^主席台第1排第1座，${second}，已锁定$`) })
				.waitFor();
			// A locked seat refuses a swap, and keeps its person when the plan is re-arranged.
			await office.keyboard.press('Enter');
			await said('该座位已锁定，先按 L 解锁再调整。');
			await office.getByTestId('seating-arrange').click();
			await office.getByText('已自动排座。').waitFor();
			expect(await seatName('R1-1')).toBe(second);
			// The mouse: a name dragged onto another seat swaps them.
			const [six, seven] = [await seatName('R1-6'), await seatName('R1-7')];
			await office.getByTestId('seat-R1-6').dragTo(office.getByTestId('seat-R1-7'));
			await said(/^已交换 主席台第1排第6座/);
			await expect.poll(() => seatName('R1-7')).toBe(six);
			expect(await seatName('R1-6')).toBe(seven);
			const versions = office.getByRole('region', { name: '修改记录' });
			await versions.getByText('交换 R1-1 与 R1-2').waitFor();
		});

		it('swaps two seats by number in a browser without JavaScript', async () => {
			const context = await browser.newContext({
				baseURL: app.url,
				locale: 'zh-CN',
				javaScriptEnabled: false
			});
			const page = await context.newPage();
			await page.goto('/login');
			await page.getByLabel('用户名').fill('zhouwenbin');
			await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
			await page.getByRole('button', { name: '登录' }).click();
			await page.getByRole('heading', { name: '我的工作台' }).waitFor();
			// Without JavaScript the map is not drawn: the printed seat list shows who sits where.
			const listed = async (label: string) => {
				await page.goto(`${meetingUrl}/seating/print?what=list`);
				const row = page
					.getByTestId('seat-list')
					.getByRole('row')
					.filter({ has: page.getByRole('cell', { name: label, exact: true }) });
				return (await row.getByRole('cell').nth(1).innerText()).trim();
			};
			const [three, five] = [await listed('主席台第1排第3座'), await listed('主席台第1排第5座')];
			await page.goto(`${meetingUrl}/seating`);
			await page.getByTestId('seat-map-wait').filter({ hasText: '按座号交换两个座位' }).waitFor();
			await page.getByText('按座号交换两个座位', { exact: true }).click();
			await page.getByLabel('座号', { exact: true }).fill('R1-3');
			await page.getByLabel('与座号').fill('r1-5');
			await page.getByRole('button', { name: '交换', exact: true }).click();
			await page.getByText('已交换座位。').waitFor();
			expect([await listed('主席台第1排第3座'), await listed('主席台第1排第5座')]).toEqual([
				five,
				three
			]);
			await context.close();
		});

		it('prints the chart and the name cards with every name whole', async () => {
			const all = [...BY_RANK, ...BY_SURNAME_STROKES];
			for (const paper of ['A3', 'A4']) {
				await office.goto(`${meetingUrl}/seating/print?what=chart&paper=${paper}`);
				const chart = office.getByTestId('seat-chart');
				await chart.getByText('主席台', { exact: true }).waitFor();
				for (const name of all) await chart.getByText(name, { exact: true }).waitFor();
				for (const media of ['screen', 'print'] as const) {
					await office.emulateMedia({ media });
					expect(await overflowing(office, '.print-seat'), `${paper} ${media}`).toEqual([]);
				}
				// The browser's PDF (print media): the whole chart on one landscape sheet of that paper.
				expect(pdfPages(await office.pdf({ preferCSSPageSize: true }))).toEqual([
					paper === 'A3' ? [1191, 842] : [842, 595]
				]);
				await office.emulateMedia({ media: 'screen' });
			}
			await office.goto(`${meetingUrl}/seating/print?what=cards`);
			const cards = office.getByTestId('name-card');
			await expect(cards.count()).resolves.toBe(all.length);
			// The name on both faces, the top one upside down, for the seats best first.
			const first = cards.first().locator('.card-name');
			await expect(first.allInnerTexts()).resolves.toEqual([BY_RANK[0], BY_RANK[0]]);
			await expect(
				cards
					.first()
					.locator('.face')
					.first()
					.evaluate((el) => getComputedStyle(el).transform)
			).resolves.toMatch(/^matrix\(-1, [^,]+, [^,]+, -1/);
			for (const media of ['screen', 'print'] as const) {
				await office.emulateMedia({ media });
				expect(await overflowing(office, '.face'), media).toEqual([]);
			}
			// One folded A4 (portrait) per name.
			expect(pdfPages(await office.pdf({ preferCSSPageSize: true }))).toEqual(
				all.map(() => [595, 842])
			);
			await office.emulateMedia({ media: 'screen' });
			await office.goto(`${meetingUrl}/seating/print?what=rostrum`);
			const rows = office.getByTestId('rostrum-list').locator('tbody tr');
			await expect(rows.count()).resolves.toBe(7);
		});

		it('shows a participant their seat on a phone', async () => {
			const phone = await newPage(browser, app.url, true);
			await signIn(phone, 'wentao', DEMO_PASSWORD); // 文涛, 列席, first by strokes
			await phone.getByRole('heading', { name: '我的工作台' }).waitFor();
			await phone.goto(meetingUrl);
			const card = phone.getByTestId('my-seat');
			await card.getByRole('heading', { name: '我的座位' }).waitFor();
			const key = rankedSeats(LAYOUT, 'left', '12').floor[0];
			const [, row, number] = /^F(\d+)-(\d+)$/.exec(key)!;
			await card.getByText('会场').waitFor();
			await card.getByText(`第${row}排`).waitFor();
			await card.getByText(`${number}号`).waitFor();
			await expect(
				card.locator(`[data-seat="${key}"] .me`).count(),
				'their seat is marked on the map'
			).resolves.toBe(1);
			const overflow = await phone.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth
			);
			expect(overflow).toBeLessThanOrEqual(0);
			await phone.context().close();
		});

		it('fits 500 seats on one A3 sheet without cutting a name', async () => {
			await office.goto(`${meetingUrl}/seating`);
			await office.getByText('修改座次设置').click();
			await office.getByLabel('为本会议自己画布局').check();
			await office.getByLabel('主席台排数').fill('2');
			await office.getByLabel('主席台第1排座位数').fill('13');
			await office.getByLabel('主席台第2排座位数').fill('15');
			await office.getByLabel('场内排数').fill('30');
			await office.getByLabel('分区数（过道隔开）').fill('3');
			await office.getByLabel('第1区每排座位数').fill('5');
			await office.getByLabel('第2区每排座位数').fill('6');
			await office.getByLabel('第3区每排座位数').fill('5');
			await office.getByText('共 508 个座位').waitFor();
			await office.getByTestId('seating-setup-save').click();
			await office.getByText('座次设置已保存。').waitFor();
			await office.getByTestId('seating-arrange').click();
			await office.getByText('已自动排座。').waitFor();
			await office.goto(`${meetingUrl}/seating/print?what=chart&paper=A3`);
			await office.getByTestId('seat-chart').getByText('欧阳晓东').waitFor();
			await expect(office.locator('.print-seat').count()).resolves.toBe(508);
			await office.emulateMedia({ media: 'print' });
			expect(await overflowing(office, '.print-seat')).toEqual([]);
			// The sheet's content fits the sheet: nothing runs past its bottom edge.
			const spill = await office.getByTestId('seat-chart').evaluate((el) => {
				const box = el.getBoundingClientRect();
				const last = [...el.querySelectorAll('.print-seat')].map((s) => s.getBoundingClientRect());
				return Math.max(...last.map((r) => r.bottom)) - box.bottom;
			});
			expect(spill).toBeLessThanOrEqual(0);
			expect(pdfPages(await office.pdf({ preferCSSPageSize: true }))).toEqual([[1191, 842]]);
			await office.emulateMedia({ media: 'screen' });
		});

		it('seats a 会谈: our three on the host side, two typed-in guests opposite', async () => {
			// The office's n=2 order, kept on the rooms page, is a new plan's default.
			await office.goto('/meetings/rooms');
			await office.getByLabel('两人主席台的次序').selectOption('21');
			await office.getByTestId('seating-settings-save').click();
			await office.getByText('座次设置已保存。').waitFor();

			await office.goto('/meetings/new');
			await office.getByLabel('会议名称').fill(TALKS);
			await office.getByLabel('会议类型').selectOption({ label: '工作会议' });
			await office.getByLabel('日期', { exact: true }).fill(beijingDate(10));
			await office.getByLabel('开始时间').fill('15:00');
			await office.getByLabel('结束时间').fill('16:00');
			const rooms = office.getByLabel('会议室', { exact: true });
			const room = await rooms.locator('option', { hasText: ROOM }).getAttribute('value');
			await rooms.selectOption(room!);
			const attendees = office.getByLabel('出席', { exact: true });
			for (const [name, title] of HOSTS) {
				await attendees.fill(name);
				await office.getByRole('treeitem', { name: `${name} ${title}` }).click();
			}
			await office.getByLabel('第 1 项议题').fill('双边合作');
			await office.getByRole('button', { name: '保存草稿' }).click();
			await office.getByText('已保存').waitFor();
			await office.getByRole('button', { name: '发出通知' }).click();
			await office
				.getByRole('dialog', { name: '发出会议通知？' })
				.getByRole('button', { name: '确认发出' })
				.click();
			await office.getByText('通知已发出').waitFor();
			await office.getByRole('link', { name: '座次', exact: true }).click();
			await office.getByText('还没有座次表').waitFor();
			await expect(office.getByLabel('两人主席台的次序').inputValue()).resolves.toBe('21');
			await office.getByLabel('为本会议自己画布局').check();
			await office.getByLabel('会谈／会见').check();
			await office.getByLabel('形式').selectOption({ label: '会谈（长桌两侧相对）' });
			await office.getByLabel('主方座位数').fill('3');
			await office.getByLabel('客方座位数').fill('3');
			await office.getByLabel('门的位置（图上）').selectOption({ label: '下方' });
			await office.getByTestId('seating-setup-save').click();
			await office.getByText('座次设置已保存。').waitFor();

			const guests = office.getByTestId('seating-guests');
			await guests.getByText('尚未录入客方人员。').waitFor();
			for (const [name, title] of GUESTS) {
				await guests.getByLabel('客方姓名').fill(name);
				await guests.getByLabel('职务或单位').fill(title);
				await guests.getByRole('button', { name: '添加客方人员' }).click();
				await guests.getByRole('cell', { name, exact: true }).waitFor();
			}
			// A guest needs a name: refused in words, nothing added.
			await guests.getByLabel('客方姓名').fill('  ');
			await guests.getByRole('button', { name: '添加客方人员' }).click();
			await guests.getByRole('alert').getByText('此项必填').waitFor();
			await expect(guests.getByRole('row').count()).resolves.toBe(3);
			await office.getByTestId('seating-arrange').click();
			await office.getByText('已自动排座。').waitFor();

			// Door at the bottom: the guests on the top side facing it, each principal in the
			// middle of their side, the principal guest straight across from the host's.
			expect(await seatName('H2')).toBe(HOSTS[0][0]);
			expect(await seatName('G2')).toBe(GUESTS[0][0]);
			expect(await seatName('G1')).toBe(GUESTS[1][0]); // his right: the page's left
			const box = async (key: string) => (await office.getByTestId(`seat-${key}`).boundingBox())!;
			const [guest, host] = [await box('G2'), await box('H2')];
			expect(Math.abs(guest.x + guest.width / 2 - (host.x + host.width / 2))).toBeLessThan(1);
			expect(guest.y).toBeLessThan(host.y);
			await guests.getByRole('cell', { name: '客方第2位' }).waitFor();

			// Printed: the guests on the chart and on name cards.
			const plan = new URL(office.url()).pathname;
			await office.goto(`${plan}/print?what=chart`);
			for (const [name] of [...HOSTS, ...GUESTS])
				await office.getByTestId('seat-chart').getByText(name, { exact: true }).waitFor();
			await office.goto(`${plan}/print?what=cards`);
			const cards = office.getByTestId('name-card');
			await expect(cards.count()).resolves.toBe(5);
			await expect(cards.locator('.face:not(.upside) .card-name').allInnerTexts()).resolves.toEqual(
				[...HOSTS.map(([name]) => name), ...GUESTS.map(([name]) => name)]
			);
		});
	});
}

/** The pages of a PDF as [width, height] in points, rounded. */
function pdfPages(pdf: Buffer): number[][] {
	const text = pdf.toString('latin1');
	return [...text.matchAll(/\/Type\s*\/Page[^s][\s\S]*?\/MediaBox\s*\[([^\]]*)\]/g)].map((m) => {
		const [, , w, h] = m[1].trim().split(/\s+/).map(Number);
		return [Math.round(w), Math.round(h)];
	});
}

/** The boxes whose content is wider or taller than the box (a cut name), as their text. */
function overflowing(page: Page, selector: string): Promise<string[]> {
	return page
		.locator(selector)
		.evaluateAll((boxes) =>
			boxes
				.filter((b) => b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight)
				.map((b) => `${b.textContent?.trim()} ${b.scrollWidth}/${b.clientWidth}`)
		);
}
