import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startReceiver } from '../../src/lib/server/webhooks/webhooks.test-helpers';
import { e2eDialects, startApp, type RunningApp } from './app';
import { completeSetup, launchBrowser, newPage } from './browser';

for (const dialect of e2eDialects('postgres')) {
	describe(`webhooks to the office's messaging [${dialect}]`, () => {
		let app: RunningApp;
		let browser: Browser;
		let admin: Page;
		let receiver: Awaited<ReturnType<typeof startReceiver>>;

		beforeAll(async () => {
			[app, browser, receiver] = await Promise.all([
				startApp(dialect),
				launchBrowser(),
				startReceiver(() => ({ status: 204, body: '' }))
			]);
			admin = await newPage(browser, app.url);
			await completeSetup(admin, {
				office: '某市某局',
				name: '系统管理员',
				username: 'sysadmin',
				password: 'Sys-Admin-2026'
			});
		});
		afterAll(async () => {
			await browser?.close();
			await app?.stop();
			await receiver?.close();
		});

		it('the administrator registers a signed JSON endpoint, tests it, edits and deletes it', async () => {
			await admin.goto('/admin');
			await admin.getByRole('link', { name: '消息推送' }).click();
			await admin.getByRole('heading', { name: '消息推送', level: 1 }).waitFor();
			await admin.getByText('还没有推送地址。').waitFor();

			const form = admin
				.locator('form')
				.filter({ has: admin.getByRole('heading', { name: '新增推送地址' }) });
			await form.getByLabel('名称').fill('OA 系统');
			await form.getByLabel('格式').selectOption('json');
			await form.getByLabel('地址').fill('企业微信群');
			await form.getByLabel('密钥').fill('e2e-secret');
			await form.getByRole('button', { name: '添加' }).click();
			await form
				.getByText('请填写以 http:// 或 https:// 开头的地址（不含用户名和密码）')
				.first()
				.waitFor();
			// The refused form keeps what was typed.
			expect(await form.getByLabel('名称').inputValue()).toBe('OA 系统');

			await form.getByLabel('地址').fill(`${receiver.base}/oa/hook?token=abcdef123456`);
			await form.getByLabel('密钥').fill('e2e-secret');
			await form.getByLabel('值班表已发布').check();
			await form.getByRole('button', { name: '添加' }).click();
			await admin.getByText('已保存。').waitFor();
			// The form is ready for the next endpoint, enabled by default.
			expect(await form.getByLabel('启用').isChecked()).toBe(true);
			// The endpoints are the first table; the deliveries below name them too.
			const hooks = admin.locator('main table').first();
			const row = hooks.locator('tbody tr').filter({ hasText: 'OA 系统' });
			await row.getByText(`${receiver.base}/oa/hook?token=abcd***`).waitFor();
			await row.getByText('会议通知已发出、会议已取消、值班表已发布').waitFor();
			await row.getByText('已设置密钥').waitFor();
			expect(await admin.content()).not.toContain('abcdef123456');

			await row.getByRole('button', { name: '向“OA 系统”发送测试消息' }).click();
			await admin.getByText('测试消息已送达。').waitFor();
			expect(receiver.received).toHaveLength(1);
			const [req] = receiver.received;
			const [, t, v1] =
				/^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(req.headers['x-huiban-signature'])) ?? [];
			expect(v1).toBe(createHmac('sha256', 'e2e-secret').update(`${t}.${req.body}`).digest('hex'));
			expect(JSON.parse(req.body).event).toBe('test');
			const delivered = admin.locator('main tbody tr').filter({ hasText: '测试消息' });
			await delivered.getByText('已发送').waitFor();

			await row.getByRole('link', { name: '编辑' }).click();
			const edit = admin
				.locator('form')
				.filter({ has: admin.getByRole('heading', { name: '编辑：OA 系统' }) });
			expect(await edit.getByLabel('地址').inputValue()).toBe(
				`${receiver.base}/oa/hook?token=abcd***`
			);
			await edit.getByLabel('名称').fill('OA 办公系统');
			await edit.getByRole('button', { name: '保存' }).click();
			await admin.getByText('已保存。').waitFor();
			await hooks.locator('tbody tr').filter({ hasText: 'OA 办公系统' }).waitFor();

			// The key and secret were kept: a second test arrives signed at the same address.
			await hooks
				.locator('tbody tr')
				.filter({ hasText: 'OA 办公系统' })
				.getByRole('button', { name: '向“OA 办公系统”发送测试消息' })
				.click();
			await admin.getByText('测试消息已送达。').waitFor();
			expect(receiver.received).toHaveLength(2);
			expect(receiver.received[1].url).toBe('/oa/hook?token=abcdef123456');
			expect(receiver.received[1].headers['x-huiban-signature']).toMatch(/^t=\d+,v1=/);

			const named = hooks.locator('tbody tr').filter({ hasText: 'OA 办公系统' });
			await named.getByRole('button', { name: '删除' }).click();
			await admin.getByRole('dialog').getByRole('button', { name: '删除' }).click();
			await admin.getByText('已删除。').waitFor();
			await admin.getByText('还没有推送地址。').waitFor();
		});
	});
}
