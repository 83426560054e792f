// Regenerates the README screenshots (docs/screenshots/*.png) from a demo install.
// Usage: node scripts/screenshots.js   (needs Chromium at /usr/bin/chromium or CHROMIUM_PATH)
import path from 'node:path';
import fs from 'node:fs';
import { launchChromium, startServer } from './launch.js';
import { build, needsBuild } from './start.js';

const out = path.resolve('docs/screenshots');
fs.mkdirSync(out, { recursive: true });
if (needsBuild()) build();
const server = await startServer('sqlite');
const url = server.url;
const browser = await launchChromium();
/**
 * @param {import('playwright-core').Page} p
 * @param {string} username
 */
async function signIn(p, username, landing = '我的工作台') {
	await p.goto('/login');
	await p.getByLabel('用户名').fill(username);
	await p.getByLabel('密码', { exact: true }).fill('Demo@2026');
	await p.getByRole('button', { name: '登录' }).click();
	await p.getByRole('heading', { name: landing, exact: true }).waitFor();
}

try {
	const page = await browser.newPage({
		baseURL: url,
		viewport: { width: 1280, height: 800 },
		locale: 'zh-CN'
	});
	await page.goto('/setup');
	await page.screenshot({ path: path.join(out, 'setup.png') });
	await page.getByLabel('单位名称').fill('某市交通运输局');
	await page.getByLabel('姓名').fill('陈静');
	await page.getByLabel('用户名').fill('chenjing');
	await page.getByLabel('密码', { exact: true }).fill('Admin-2026-pw');
	await page.getByLabel('确认新密码').fill('Admin-2026-pw');
	await page.getByLabel(/载入演示单位/).check();
	await page.getByRole('button', { name: '完成设置' }).click();
	await page.getByRole('heading', { name: '我的工作台' }).waitFor();
	const shots = [
		['home', '/'],
		['people', '/admin/people'],
		['departments', '/admin/departments'],
		['holidays', '/admin/holidays?year=2026'],
		['import', '/admin/people/import']
	];
	for (const [name, href] of shots) {
		await page.goto(href);
		await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: name !== 'holidays' });
	}
	// Operating: a group robot registered for notices and overdue 督办, the backup page, the
	// outbox with its calendar-reply status, a personal API token and the API reference.
	await page.goto('/admin/webhooks');
	await page.getByLabel('名称').fill('办公室工作群');
	await page
		.getByLabel('地址')
		.fill(
			'https://qyapi.gov.internal/cgi-bin/webhook/send?key=693a91f6-7b1c-4c6e-a5b3-0d1e2f3a4b5c'
		);
	await page.getByLabel('会议通知已发出').check();
	await page.getByLabel('督办事项逾期').check();
	await page.getByRole('button', { name: '添加' }).click();
	await page.getByRole('cell', { name: /^办公室工作群/ }).waitFor();
	await page.screenshot({ path: path.join(out, 'webhooks.png'), fullPage: true });
	for (const [name, href] of [
		['backup', '/admin/backup'],
		['outbox', '/admin/outbox']
	]) {
		await page.goto(href);
		await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
	}
	await page.goto('/account/tokens');
	await page.getByLabel('名称').fill('办公厅 OA 对接');
	await page.getByRole('button', { name: '创建令牌' }).click();
	await page.getByTestId('api-token').waitFor();
	await page.screenshot({ path: path.join(out, 'api-token.png'), fullPage: true });
	await page.goto('/api/docs');
	await page.screenshot({ path: path.join(out, 'api-docs.png') });
	// The office's view of meetings: the demo bureau has a month of them around today.
	const office = await browser.newPage({ baseURL: url, viewport: { width: 1280, height: 800 } });
	await signIn(office, 'zhouwenbin');
	await office.goto('/meetings?scope=all');
	await office.screenshot({ path: path.join(out, 'meetings.png'), fullPage: true });
	const firstMeeting = office.getByRole('row').nth(1).getByRole('link').first();
	const meetingPath = (await firstMeeting.getAttribute('href')) ?? '/meetings';
	for (const [name, href] of [
		['meeting', meetingPath],
		['meeting-new', '/meetings/new'],
		['calendar', '/meetings/calendar'],
		['rooms', '/meetings/rooms'],
		['bulletin', '/meetings/bulletin'],
		['checkin', meetingPath + '/checkin']
	]) {
		await office.goto(href);
		await office.waitForLoadState('networkidle');
		await office.screenshot({ path: path.join(out, `${name}.png`), fullPage: name !== 'calendar' });
	}
	// Duty: last year's published 国庆节 roster from the demo, its fairness report and log,
	// and next 元旦's draft ready to generate.
	await office.goto('/duty');
	await office.screenshot({ path: path.join(out, 'duty.png'), fullPage: true });
	const national = office.getByRole('link', { name: /国庆节值班/ }).first();
	const rosterPath = (await national.getAttribute('href')) ?? '/duty';
	const draft = office.getByRole('link', { name: /元旦值班/ }).first();
	const draftPath = (await draft.getAttribute('href')) ?? '/duty';
	for (const [name, href] of [
		['duty-roster', rosterPath],
		['duty-fairness', rosterPath + '/fairness'],
		['duty-log', rosterPath + '/log'],
		['duty-print', rosterPath + '/print'],
		['duty-setup', draftPath + '/setup'],
		['duty-swaps', '/duty/swaps']
	]) {
		await office.goto(href);
		await office.waitForLoadState('networkidle');
		await office.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
	}
	const phone = await browser.newPage({
		baseURL: url,
		viewport: { width: 390, height: 760 },
		isMobile: true
	});
	await phone.goto('/login');
	await phone.screenshot({ path: path.join(out, 'login-phone.png') });
	await signIn(phone, 'wangjianguo');
	await phone.goto('/');
	await phone.screenshot({ path: path.join(out, 'home-phone.png'), fullPage: true });
	// The meetings list on a phone: rows become readable lines, nothing broken mid-word.
	await phone.goto('/meetings');
	await phone.screenshot({ path: path.join(out, 'meetings-phone.png'), fullPage: true });
	// 三员分立: the audit log is the security auditor's alone.
	const auditor = await browser.newPage({ baseURL: url, viewport: { width: 1280, height: 800 } });
	await signIn(auditor, 'weizixuan', '审计日志');
	await auditor.screenshot({ path: path.join(out, 'audit.png'), fullPage: true });
	// The printable 会议通知 (GB/T 9704 layout).
	await office.goto(meetingPath + '/notice');
	await office.screenshot({ path: path.join(out, 'notice.png'), fullPage: true });
	// 督办: the supervisor's list, board and an item; the demo's issued minutes and the 督办通报.
	const supervisor = await browser.newPage({
		baseURL: url,
		viewport: { width: 1280, height: 800 }
	});
	await signIn(supervisor, 'dongminghui');
	for (const [name, href] of [
		['supervision', '/supervision'],
		['supervision-board', '/supervision/board'],
		['supervision-bulletin', '/supervision/bulletin?preset=year']
	]) {
		await supervisor.goto(href);
		await supervisor.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
	}
	await supervisor.goto('/supervision?q=' + encodeURIComponent('执法事项清单'));
	await supervisor.locator('a[href^="/supervision/"]', { hasText: '执法事项清单' }).first().click();
	await supervisor
		.getByRole('heading', { name: /执法事项清单/ })
		.first()
		.waitFor();
	await supervisor.screenshot({ path: path.join(out, 'supervision-item.png'), fullPage: true });
	await supervisor.goto(supervisor.url() + '/print');
	await supervisor.screenshot({ path: path.join(out, 'supervision-print.png'), fullPage: true });
	await office.goto('/meetings?scope=all&q=' + encodeURIComponent('局长办公会议'));
	const issued = await office
		.locator('a[href^="/meetings/"]', { hasText: '局长办公会议' })
		.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
	for (const href of issued) {
		await office.goto(href + '/minutes/print');
		if (await office.getByText(/〔\d{4}〕\d+号/).count()) {
			await office.screenshot({ path: path.join(out, 'minutes-print.png'), fullPage: true });
			break;
		}
	}
	// 请销假 and 学习: a request on a phone, the 主要领导's inbox, the office's board and statistics,
	// a department head's leave calendar, study statistics.
	const staffPhone = await browser.newPage({
		baseURL: url,
		viewport: { width: 375, height: 740 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true
	});
	await signIn(staffPhone, 'tanmin');
	await staffPhone.goto('/leave/new');
	await staffPhone.getByLabel('请假事由').fill('回老家看望父母');
	await staffPhone.screenshot({ path: path.join(out, 'leave-new-phone.png'), fullPage: true });
	await staffPhone.goto('/study');
	await staffPhone.screenshot({ path: path.join(out, 'study-phone.png'), fullPage: true });
	const principal = await browser.newPage({ baseURL: url, viewport: { width: 1280, height: 800 } });
	await signIn(principal, 'wangjianguo');
	await principal.goto('/leave/approvals');
	await principal.screenshot({ path: path.join(out, 'leave-approvals.png'), fullPage: true });
	const request = await principal
		.locator('main a[href^="/leave/"]')
		.evaluateAll((links) =>
			links.map((a) => a.getAttribute('href')).find((h) => /^\/leave\/\d+$/.test(h ?? ''))
		);
	await principal.goto(request ?? '/leave');
	await principal.screenshot({ path: path.join(out, 'leave-request.png'), fullPage: true });
	const head = await browser.newPage({ baseURL: url, viewport: { width: 1280, height: 800 } });
	// 人事科, whose people have leave in the demo.
	await signIn(head, 'huangshufen');
	await head.goto('/leave/calendar');
	await head.screenshot({ path: path.join(out, 'leave-calendar.png'), fullPage: true });
	for (const [name, href] of [
		['leave-board', '/leave/board'],
		['leave-stats', '/leave/stats'],
		['study-stats', '/study/stats']
	]) {
		await office.goto(href);
		await office.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
	}
	// 座次: the office arranges one of 王建国's meetings (the room's template, or a layout of its
	// own), prints the chart, and 王建国 finds his seat on the phone.
	await phone.goto('/meetings');
	const seated = await phone
		.locator('main a[href^="/meetings/"]')
		.evaluateAll((links) =>
			links.map((a) => a.getAttribute('href')).find((h) => /^\/meetings\/\d+$/.test(h ?? ''))
		);
	if (seated) {
		await office.goto(seated + '/seating');
		await office.getByTestId('seating-setup-save').click();
		await office.getByText('座次设置已保存。').waitFor();
		await office.getByTestId('seating-arrange').click();
		await office.getByText('已自动排座。').waitFor();
		await office.screenshot({ path: path.join(out, 'seating.png'), fullPage: true });
		// The A3 sheet is 400 mm wide: a window it fits in.
		await office.setViewportSize({ width: 1640, height: 1100 });
		await office.goto(seated + '/seating/print?what=chart&paper=A3');
		await office.screenshot({ path: path.join(out, 'seating-chart.png'), fullPage: true });
		await office.setViewportSize({ width: 1280, height: 800 });
		await phone.goto(seated);
		// The small map is drawn in the browser once the page has loaded.
		await phone.locator('[data-testid="my-seat"] .seat-map').waitFor();
		await phone.screenshot({ path: path.join(out, 'seating-phone.png') });
	}
	console.log(`screenshots written to ${out}`);
} finally {
	await browser.close();
	await server.stop();
}
