import { createHmac } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { setClock } from '../clock';
import { cancelMeeting, issueNotice } from '../meetings/meetings.service';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { newMeeting } from '../testing/meeting-fixtures';
import { inParallel, wideDbPerTest } from '../testing/parallel';
import { refusal } from '../testing/refusal';
import { deliverDueWebhooks, WEBHOOK_MAX_ATTEMPTS } from './webhooks.delivery';
import { createWebhook, listDeliveries, retryDelivery, sendTestMessage } from './webhooks.service';
import { deliveryRows, startReceiver, webhookForm } from './webhooks.test-helpers';

const NOW = '2026-11-20T02:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(NOW) + minutes * 60_000);

describeEachDialect('webhooks: delivery to a real HTTP receiver', (ctx) => {
	const db = () => ctx.db();
	const wide = wideDbPerTest(ctx, 10);
	let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
	afterEach(async () => {
		await receiver?.close();
		receiver = undefined;
	});

	async function world(respond?: Parameters<typeof startReceiver>[0]) {
		setClock(NOW);
		receiver = await startReceiver(respond);
		const admin = await newUser(db(), { roles: ['admin'] });
		return { admin, r: receiver };
	}

	async function issued(adminId: number, actor: Parameters<typeof issueNotice>[1], o = {}) {
		const id = await newMeeting(db(), {
			createdBy: adminId,
			status: 'draft',
			title: '2026年第12次局务会议',
			...o
		});
		await issueNotice(db(), actor, id);
		return id;
	}

	it('wecom: the group robot receives the markdown message once; sent', async () => {
		const { admin, r } = await world();
		await createWebhook(
			db(),
			admin.actor,
			webhookForm({ url: `${r.base}/cgi-bin/webhook/send?key=K123456` })
		);
		await issued(admin.id, admin.actor);
		expect(await deliverDueWebhooks(db(), at(0))).toEqual({ sent: 1, failed: 0, due: 1 });
		expect(await deliverDueWebhooks(db(), at(1))).toEqual({ sent: 0, failed: 0, due: 0 });
		expect(r.received).toHaveLength(1);
		const [req] = r.received;
		expect(req.method).toBe('POST');
		expect(req.url).toBe('/cgi-bin/webhook/send?key=K123456');
		expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
		const body = JSON.parse(req.body);
		expect(body.msgtype).toBe('markdown');
		expect(body.markdown.content).toContain('**会议通知：2026年第12次局务会议**');
		const [row] = await deliveryRows(db());
		expect(row).toMatchObject({ status: 'sent', attempts: 1, last_status: 200, last_error: '' });
	});

	it('dingtalk: with a secret the URL carries timestamp and a sign that verifies', async () => {
		const { admin, r } = await world();
		await createWebhook(
			db(),
			admin.actor,
			webhookForm({
				format: 'dingtalk',
				url: `${r.base}/robot/send?access_token=T0KEN99`,
				secret: 'SECding'
			})
		);
		await issued(admin.id, admin.actor);
		await deliverDueWebhooks(db(), at(0));
		const [req] = r.received;
		const u = new URL(req.url, r.base);
		expect(u.searchParams.get('access_token')).toBe('T0KEN99');
		const timestamp = u.searchParams.get('timestamp') ?? '';
		expect(timestamp).toBe(String(at(0).getTime()));
		const sign = createHmac('sha256', 'SECding').update(`${timestamp}\nSECding`).digest('base64');
		expect(u.searchParams.get('sign')).toBe(sign);
		const body = JSON.parse(req.body);
		expect(body.markdown.title).toBe('会议通知：2026年第12次局务会议');
		expect(body.markdown.text).toContain('[在会办中查看](');
	});

	it('json: the body is {event, occurredAt, data} and its HMAC header verifies', async () => {
		const { admin, r } = await world(() => ({ status: 204, body: '' }));
		await createWebhook(
			db(),
			admin.actor,
			webhookForm({ format: 'json', url: `${r.base}/oa/hook`, secret: 'json-secret' })
		);
		const id = await issued(admin.id, admin.actor);
		expect((await deliverDueWebhooks(db(), at(0))).sent).toBe(1);
		const [req] = r.received;
		const header = String(req.headers['x-huiban-signature']);
		const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
		expect(Number(t)).toBe(Math.floor(at(0).getTime() / 1000));
		expect(v1).toBe(createHmac('sha256', 'json-secret').update(`${t}.${req.body}`).digest('hex'));
		expect(JSON.parse(req.body)).toMatchObject({
			event: 'meeting.notice_issued',
			occurredAt: NOW,
			data: { meetingId: id, title: '2026年第12次局务会议' }
		});
	});

	it('a classified meeting sends no title', async () => {
		const { admin, r } = await world();
		await createWebhook(db(), admin.actor, webhookForm({ url: `${r.base}/w?key=K1234567` }));
		const id = await issued(admin.id, admin.actor, {
			title: '干部任免酝酿会',
			classification: 'confidential'
		});
		await cancelMeeting(db(), admin.actor, id, { reason: '人选调整' });
		await deliverDueWebhooks(db(), at(0));
		expect(r.received).toHaveLength(2);
		for (const req of r.received) {
			expect(req.body).not.toContain('干部任免酝酿会');
			expect(req.body).not.toContain('人选调整');
		}
		expect(JSON.parse(r.received[0].body).markdown.content).toContain('请在会办中查看');
	});

	it('500 is retried after 1, 5, 15, 60 and 60 minutes; the 6th failure gives up; 重试 starts again', async () => {
		const { admin, r } = await world(() => ({ status: 500, body: 'upstream broke' }));
		const hook = await createWebhook(
			db(),
			admin.actor,
			webhookForm({ url: `${r.base}/w?key=KEYSECRET99` })
		);
		await issued(admin.id, admin.actor);
		let minute = 0;
		const waits: number[] = [];
		for (let i = 1; i <= WEBHOOK_MAX_ATTEMPTS; i++) {
			// Not before its time.
			if (i > 1) expect((await deliverDueWebhooks(db(), at(minute - 0.5))).due).toBe(0);
			expect((await deliverDueWebhooks(db(), at(minute))).failed).toBe(1);
			const [row] = await deliveryRows(db());
			expect(row).toMatchObject({
				attempts: i,
				last_status: 500,
				last_error: 'HTTP 500 upstream broke'
			});
			if (i < WEBHOOK_MAX_ATTEMPTS) {
				expect(row.status).toBe('pending');
				const wait = (Date.parse(row.next_attempt_at) - at(minute).getTime()) / 60_000;
				waits.push(wait);
				minute += wait;
			} else expect(row.status).toBe('failed');
		}
		expect(waits).toEqual([1, 5, 15, 60, 60]);
		expect(r.received).toHaveLength(6);
		expect(await deliverDueWebhooks(db(), at(minute + 600))).toMatchObject({ due: 0 });

		const [listed] = await listDeliveries(db(), admin.actor, { webhookId: hook });
		expect(listed).toMatchObject({ status: 'failed', webhookName: '办公室工作群', attempts: 6 });
		r.respond(() => ({ status: 200, body: '{"errcode":0}' }));
		await retryDelivery(db(), admin.actor, listed.id);
		expect((await refusal(retryDelivery(db(), admin.actor, listed.id))).fields?._).toBe(
			'只有发送失败的推送可以重试。'
		);
		expect(await auditRows(db(), 'webhook.retry')).toHaveLength(1);
		setClock(at(minute + 1));
		expect((await deliverDueWebhooks(db(), at(minute + 1))).sent).toBe(1);
	});

	it('errcode ≠ 0 from a robot is retried, with the error kept but never the key', async () => {
		const { admin, r } = await world(() => ({
			status: 200,
			body: '{"errcode":93000,"errmsg":"invalid webhook url, key=KEYSECRET99"}'
		}));
		await createWebhook(db(), admin.actor, webhookForm({ url: `${r.base}/w?key=KEYSECRET99` }));
		await issued(admin.id, admin.actor);
		expect((await deliverDueWebhooks(db(), at(0))).failed).toBe(1);
		const [row] = await deliveryRows(db());
		expect(row.status).toBe('pending');
		expect(row.last_error).toBe('errcode 93000 invalid webhook url, key=***');
		r.respond(() => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' }));
		expect((await deliverDueWebhooks(db(), at(1))).sent).toBe(1);
	});

	it('an endpoint that does not answer: the error is kept, the URL key masked', async () => {
		const { admin, r } = await world();
		const base = r.base;
		await r.close();
		receiver = undefined;
		await createWebhook(db(), admin.actor, webhookForm({ url: `${base}/w?key=KEYSECRET99` }));
		await issued(admin.id, admin.actor);
		expect((await deliverDueWebhooks(db(), at(0))).failed).toBe(1);
		const [row] = await deliveryRows(db());
		expect(row).toMatchObject({ status: 'pending', attempts: 1, last_status: null });
		expect(row.last_error).toContain('ECONNREFUSED');
		expect(row.last_error).not.toContain('KEYSECRET99');
	});

	it('a disabled endpoint keeps its messages until it is enabled again', async () => {
		const { admin, r } = await world();
		const id = await createWebhook(
			db(),
			admin.actor,
			webhookForm({ url: `${r.base}/w?key=K1234567` })
		);
		await issued(admin.id, admin.actor);
		await db().updateTable('webhooks').set({ is_enabled: false }).where('id', '=', id).execute();
		expect(await deliverDueWebhooks(db(), at(0))).toMatchObject({ due: 0 });
		await db().updateTable('webhooks').set({ is_enabled: true }).where('id', '=', id).execute();
		expect(await deliverDueWebhooks(db(), at(1))).toMatchObject({ sent: 1 });
	});

	it('发送测试消息: sent at once and audited; a failure says why', async () => {
		const { admin, r } = await world();
		const id = await createWebhook(
			db(),
			admin.actor,
			webhookForm({ url: `${r.base}/w?key=K1234567` })
		);
		expect(await sendTestMessage(db(), admin.actor, id)).toEqual({ ok: true, error: '' });
		expect(JSON.parse(r.received[0].body).markdown.content).toContain('会办测试消息');
		expect(await auditRows(db(), 'webhook.test')).toHaveLength(1);
		r.respond(() => ({ status: 404, body: 'no such robot' }));
		expect(await sendTestMessage(db(), admin.actor, id)).toEqual({
			ok: false,
			error: 'HTTP 404 no such robot'
		});
		// Tried once: a failed test is not sent again hours later.
		expect((await deliveryRows(db())).map((d) => d.status)).toEqual(['sent', 'failed']);
	});

	it('parallel delivery runs (several processes) send each message once', async () => {
		const { admin, r } = await world();
		await createWebhook(db(), admin.actor, webhookForm({ url: `${r.base}/w?key=K1234567` }));
		for (let i = 0; i < 3; i++) await issued(admin.id, admin.actor);
		const runs = await inParallel(8, () => deliverDueWebhooks(wide(), at(0)));
		expect(runs.errors).toEqual([]);
		expect(runs.ok.reduce((n, x) => n + x.sent, 0)).toBe(3);
		expect(r.received).toHaveLength(3);
		expect((await deliveryRows(db())).map((row) => row.status)).toEqual(['sent', 'sent', 'sent']);
	});
});
