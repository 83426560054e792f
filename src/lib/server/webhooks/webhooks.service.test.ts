import { expect, it } from 'vitest';
import type { DutyRole } from '../db/schema-duty';
import { setClock } from '../clock';
import type { DB } from '../db';
import { dutyBureau } from '../duty/duty.test-helpers';
import { publishPeriod } from '../duty/roster.service';
import { cancelMeeting, issueNotice } from '../meetings/meetings.service';
import { auditRows } from '../testing/audit-rows';
import { newDutyPeriod } from '../testing/duty-fixtures';
import { describeEachDialect } from '../testing/each-dialect';
import { auditCount, newUser, type FixtureUser } from '../testing/fixtures';
import { newMeeting } from '../testing/meeting-fixtures';
import { refusal } from '../testing/refusal';
import { runSupervisionUrging } from '../supervision/urging.service';
import { newItem, supervisionWorld } from '../supervision/supervision.test-helpers';
import { emitWebhookEvent } from './webhooks.events';
import {
	createWebhook,
	deleteWebhook,
	getWebhook,
	listDeliveries,
	listWebhooks,
	retryDelivery,
	sendTestMessage,
	updateWebhook
} from './webhooks.service';
import { deliveryRows, webhookForm } from './webhooks.test-helpers';

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';
const NOW = '2026-11-20T02:00:00Z';

describeEachDialect('webhooks: the administrator registers endpoints', ({ db }) => {
	async function people() {
		setClock(NOW);
		const admin = await newUser(db(), { roles: ['admin'] });
		const office = await newUser(db(), { roles: ['office'] });
		const auditor = await newUser(db(), { roles: ['auditor'] });
		const staff = await newUser(db(), { roles: ['staff'] });
		return { admin, office, auditor, staff };
	}

	it('registers an endpoint: audited without its secret or key; the list never shows them', async () => {
		const { admin } = await people();
		const id = await createWebhook(
			db(),
			admin.actor,
			webhookForm({ format: 'dingtalk', secret: 'SECsupersecret1234' })
		);
		const [view] = await listWebhooks(db(), admin.actor);
		expect(view).toMatchObject({
			id,
			name: '办公室工作群',
			maskedUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a***',
			format: 'dingtalk',
			hasSecret: true,
			events: ['meeting.notice_issued', 'meeting.cancelled'],
			enabled: true,
			version: 1
		});
		expect(JSON.stringify(view)).not.toContain('SECsupersecret1234');
		expect(JSON.stringify(view)).not.toContain(KEY);
		const [row] = await auditRows(db(), 'webhook.create');
		expect(row).toMatchObject({ actorId: admin.id, entity: 'webhook', entityId: String(id) });
		expect(JSON.stringify(row.changes)).not.toContain('SECsupersecret1234');
		expect(JSON.stringify(row.changes)).not.toContain(KEY);
	});

	it('the office, the security auditor and staff cannot manage webhooks', async () => {
		const { admin, office, auditor, staff } = await people();
		const id = await createWebhook(db(), admin.actor, webhookForm());
		const before = await auditCount(db());
		for (const who of [office, auditor, staff] as FixtureUser[]) {
			for (const call of [
				listWebhooks(db(), who.actor),
				getWebhook(db(), who.actor, id),
				createWebhook(db(), who.actor, webhookForm({ name: '另一个' })),
				updateWebhook(db(), who.actor, id, { ...webhookForm({ name: '改名' }), version: 1 }),
				deleteWebhook(db(), who.actor, id, 1),
				sendTestMessage(db(), who.actor, id),
				listDeliveries(db(), who.actor),
				retryDelivery(db(), who.actor, 1)
			])
				expect((await refusal(call)).name).toBe('ForbiddenError');
		}
		expect(await auditCount(db())).toBe(before);
		expect((await getWebhook(db(), admin.actor, id)).name).toBe('办公室工作群');
		expect(await deliveryRows(db())).toEqual([]);
	});

	it('a bad URL, no events, a duplicate name: clear messages, nothing saved', async () => {
		const { admin } = await people();
		await createWebhook(db(), admin.actor, webhookForm());
		const before = await auditCount(db());
		for (const url of ['ftp://x.test/hook', '企业微信群', 'javascript:alert(1)', '']) {
			const r = await refusal(createWebhook(db(), admin.actor, webhookForm({ name: '新', url })));
			expect(r.name).toBe('ValidationError');
			expect(r.fields?.url).toBe(
				url ? '请填写以 http:// 或 https:// 开头的地址（不含用户名和密码）' : '此项必填'
			);
		}
		const noEvents = await refusal(
			createWebhook(db(), admin.actor, webhookForm({ name: '新', events: [] }))
		);
		expect(noEvents.fields?.events).toBe('请至少选择一个推送事件');
		const dup = await refusal(createWebhook(db(), admin.actor, webhookForm()));
		expect(dup.fields?.name).toBe('已有同名的推送地址');
		expect(await listWebhooks(db(), admin.actor)).toHaveLength(1);
		expect(await auditCount(db())).toBe(before);
	});

	it('an edit keeps the hidden key and secret unless changed; a stale edit is refused', async () => {
		const { admin } = await people();
		const id = await createWebhook(db(), admin.actor, webhookForm({ secret: 'old-secret-1' }));
		const shown = await getWebhook(db(), admin.actor, id);
		await updateWebhook(db(), admin.actor, id, {
			...webhookForm({ name: '值班群', url: shown.maskedUrl, secret: '', enabled: '' }),
			events: ['duty.roster_published'],
			version: shown.version
		});
		const hooks = await db().selectFrom('webhooks').selectAll().execute();
		expect(hooks).toHaveLength(1);
		expect(hooks[0]).toMatchObject({
			name: '值班群',
			url: webhookForm().url,
			secret: 'old-secret-1',
			is_enabled: false,
			version: 2
		});
		const [row] = await auditRows(db(), 'webhook.update');
		expect(row.changes).toMatchObject({
			name: ['办公室工作群', '值班群'],
			enabled: [true, false],
			events: ['meeting.notice_issued,meeting.cancelled', 'duty.roster_published']
		});
		expect(row.changes.url).toBeUndefined();

		const stale = await refusal(
			updateWebhook(db(), admin.actor, id, { ...webhookForm({ name: '再改' }), version: 1 })
		);
		expect(stale.fields?._).toBe('该推送地址刚被他人修改或删除，请刷新后重试。');

		await updateWebhook(db(), admin.actor, id, {
			...webhookForm({ name: '值班群', url: 'http://10.0.0.5/hook', clearSecret: 'on' }),
			version: 2
		});
		const after = await db().selectFrom('webhooks').selectAll().executeTakeFirstOrThrow();
		expect(after).toMatchObject({ url: 'http://10.0.0.5/hook', secret: '', version: 3 });
	});

	it('deletes an endpoint with its deliveries, audited; a stale delete is refused', async () => {
		const { admin } = await people();
		const id = await createWebhook(db(), admin.actor, webhookForm());
		const meeting = await newMeeting(db(), { createdBy: admin.id, status: 'draft' });
		await issueNotice(db(), admin.actor, meeting);
		expect(await deliveryRows(db())).toHaveLength(1);
		expect((await refusal(deleteWebhook(db(), admin.actor, id, 7))).fields?._).toBe(
			'该推送地址刚被他人修改或删除，请刷新后重试。'
		);
		await deleteWebhook(db(), admin.actor, id, 1);
		expect(await listWebhooks(db(), admin.actor)).toEqual([]);
		expect(await deliveryRows(db())).toEqual([]);
		expect(await auditRows(db(), 'webhook.delete')).toHaveLength(1);
	});
});

describeEachDialect('webhooks: events are queued in the changing transaction', ({ db }) => {
	async function admin() {
		setClock(NOW);
		return newUser(db(), { roles: ['admin'] });
	}
	const bodies = async (d: DB) => (await deliveryRows(d)).map((r) => JSON.parse(r.body));

	it('a notice issued and a meeting cancelled reach the subscribed endpoints, each in its format', async () => {
		const a = await admin();
		const wecom = await createWebhook(db(), a.actor, webhookForm());
		const json = await createWebhook(
			db(),
			a.actor,
			webhookForm({
				name: 'OA',
				url: 'http://oa.intranet/hook',
				format: 'json',
				events: ['meeting.cancelled']
			})
		);
		await createWebhook(
			db(),
			a.actor,
			webhookForm({ name: '停用的', url: 'http://off.intranet/hook', enabled: '' })
		);
		const id = await newMeeting(db(), { createdBy: a.id, status: 'draft', title: '年终总结会' });
		await issueNotice(db(), a.actor, id);
		let rows = await deliveryRows(db());
		expect(rows.map((r) => [r.webhook_id, r.event, r.event_key, r.status])).toEqual([
			[wecom, 'meeting.notice_issued', `meeting.notice_issued:${id}`, 'pending']
		]);
		expect(JSON.parse(rows[0].body).markdown.content).toContain('**会议通知：年终总结会**');

		await cancelMeeting(db(), a.actor, id, { reason: '与市委会议冲突' });
		rows = await deliveryRows(db());
		expect(rows.map((r) => [r.webhook_id, r.event])).toEqual([
			[wecom, 'meeting.notice_issued'],
			[wecom, 'meeting.cancelled'],
			[json, 'meeting.cancelled']
		]);
		const body = JSON.parse(rows[2].body);
		expect(body).toMatchObject({
			event: 'meeting.cancelled',
			data: { meetingId: id, title: '年终总结会', reason: '与市委会议冲突' }
		});
	});

	it('a classified meeting: the queued messages carry no title', async () => {
		const a = await admin();
		await createWebhook(db(), a.actor, webhookForm());
		await createWebhook(
			db(),
			a.actor,
			webhookForm({ name: 'OA', url: 'http://oa.intranet/hook', format: 'json' })
		);
		const id = await newMeeting(db(), {
			createdBy: a.id,
			status: 'draft',
			title: '干部任免酝酿会',
			classification: 'secret'
		});
		await issueNotice(db(), a.actor, id);
		const rows = await deliveryRows(db());
		expect(rows).toHaveLength(2);
		for (const r of rows) expect(r.body).not.toContain('干部任免酝酿会');
		expect(JSON.parse(rows[1].body).data).toEqual({
			meetingId: id,
			classified: true,
			url: `/meetings/${id}`
		});
	});

	it('the same event emitted twice is queued once per endpoint', async () => {
		const a = await admin();
		await createWebhook(db(), a.actor, webhookForm());
		const meeting = { id: 41, title: '专题会', startsAt: NOW, classification: 'none' as const };
		expect(await emitWebhookEvent(db(), 'meeting.notice_issued', { meeting })).toBe(1);
		expect(await emitWebhookEvent(db(), 'meeting.notice_issued', { meeting })).toBe(0);
		expect(await deliveryRows(db())).toHaveLength(1);
		// Not subscribed: nothing.
		expect(
			await emitWebhookEvent(db(), 'duty.roster_published', {
				period: { id: 1, name: '元旦', startDate: '2027-01-01', endDate: '2027-01-03' }
			})
		).toBe(0);
	});

	it('a 督办 item that becomes overdue is announced once, however many overdue urges follow', async () => {
		setClock('2026-11-02T02:00:00Z');
		const w = await supervisionWorld(db());
		const a = await newUser(db(), { roles: ['admin'] });
		await createWebhook(db(), a.actor, webhookForm({ events: ['supervision.overdue'] }));
		const { id } = await newItem(db(), w, { stage: 'signed', form: { deadline: '2026-11-20' } });
		for (const date of ['2026-11-19', '2026-11-20', '2026-11-23', '2026-11-26']) {
			setClock(`${date}T01:00:00.000Z`);
			await runSupervisionUrging(db(), new Date(`${date}T01:00:00.000Z`));
		}
		const rows = await deliveryRows(db());
		expect(rows.map((r) => r.event_key)).toEqual([`supervision.overdue:${id}`]);
		expect(JSON.parse(rows[0].body).markdown.content).toContain('督办逾期');
	});

	it('a 督办 item is announced overdue on the first day past its deadline, before the overdue urge', async () => {
		setClock('2026-11-02T02:00:00Z');
		const w = await supervisionWorld(db());
		const a = await newUser(db(), { roles: ['admin'] });
		await createWebhook(db(), a.actor, webhookForm({ events: ['supervision.overdue'] }));
		const { id } = await newItem(db(), w, { stage: 'signed', form: { deadline: '2026-11-20' } });
		setClock('2026-11-20T09:00:00.000Z');
		await runSupervisionUrging(db(), new Date('2026-11-20T09:00:00.000Z'));
		expect(await deliveryRows(db())).toHaveLength(0);
		// 2026-11-21, office time: one day late; the overdue urge comes every 3 days (default).
		for (const at of ['2026-11-21T01:00:00.000Z', '2026-11-21T01:01:00.000Z']) {
			setClock(at);
			await runSupervisionUrging(db(), new Date(at));
		}
		const rows = await deliveryRows(db());
		expect(rows.map((r) => r.event_key)).toEqual([`supervision.overdue:${id}`]);
	});

	it('a duty roster published is announced', async () => {
		const a = await admin();
		await createWebhook(db(), a.actor, webhookForm({ events: ['duty.roster_published'] }));
		const b = await dutyBureau(db(), { leaders: 1, officers: 1 });
		const dates = ['2026-12-31'];
		const p = await newDutyPeriod(db(), {
			createdBy: b.office.id,
			name: '2027年元旦值班',
			dates,
			status: 'draft',
			shifts: [
				{
					name: '全天',
					startTime: '08:30',
					endTime: '08:30',
					isOvernight: true,
					leaders: 1,
					officers: 1
				}
			],
			assign: [
				{ date: dates[0], shift: 0, role: 'leader' as DutyRole, userId: b.leaders[0].id },
				{ date: dates[0], shift: 0, role: 'officer' as DutyRole, userId: b.officers[0].id }
			],
			pools: { leader: [b.leaders[0].id], officer: [b.officers[0].id] }
		});
		await publishPeriod(db(), b.office.actor, p.periodId);
		const [body] = await bodies(db());
		expect(body.markdown.content).toContain('**值班表已发布：2027年元旦值班**');
		expect(body.markdown.content).toContain(`/duty/${p.periodId})`);
	});
});
