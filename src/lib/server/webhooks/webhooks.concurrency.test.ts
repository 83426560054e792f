import { expect, it } from 'vitest';
import { setClock } from '../clock';
import { inTransaction } from '../db/transaction';
import { auditRows } from '../testing/audit-rows';
import { describeEachDialect } from '../testing/each-dialect';
import { newUser } from '../testing/fixtures';
import { inParallel, onlyUserErrors, wideDbPerTest } from '../testing/parallel';
import { emitWebhookEvent } from './webhooks.events';
import { createWebhook, deleteWebhook, retryDelivery, updateWebhook } from './webhooks.service';
import { deliveryRows, webhookForm } from './webhooks.test-helpers';

const N = 20;
const NOW = '2026-11-20T02:00:00.000Z';

describeEachDialect('webhooks, 20 identical calls at once', (ctx) => {
	const db = () => ctx.db();
	const wide = wideDbPerTest(ctx, N);

	async function admin() {
		setClock(NOW);
		return newUser(db(), { roles: ['admin'] });
	}

	it('registering the same name: one endpoint, the others told the name is taken', async () => {
		const a = await admin();
		const r = await inParallel(N, () => createWebhook(wide(), a.actor, webhookForm()));
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		expect(new Set(r.errors.map((e) => (e as { fields: { name: string } }).fields.name))).toEqual(
			new Set(['已有同名的推送地址'])
		);
		expect(await db().selectFrom('webhooks').select('id').execute()).toHaveLength(1);
		expect(await auditRows(db(), 'webhook.create')).toHaveLength(1);
	});

	it('edits made from the same version: one wins, the others must reload', async () => {
		const a = await admin();
		const id = await createWebhook(db(), a.actor, webhookForm());
		const r = await inParallel(N, (i) =>
			updateWebhook(wide(), a.actor, id, { ...webhookForm({ name: `群${i}` }), version: 1 })
		);
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		expect(new Set(r.errors.map((e) => (e as { fields: { _: string } }).fields._))).toEqual(
			new Set(['该推送地址刚被他人修改或删除，请刷新后重试。'])
		);
		const row = await db().selectFrom('webhooks').selectAll().executeTakeFirstOrThrow();
		expect(row.version).toBe(2);
		expect(await auditRows(db(), 'webhook.update')).toHaveLength(1);
	});

	it('deleting at once: deleted once, one audit row', async () => {
		const a = await admin();
		const id = await createWebhook(db(), a.actor, webhookForm());
		const r = await inParallel(N, () => deleteWebhook(wide(), a.actor, id, 1));
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		expect(await auditRows(db(), 'webhook.delete')).toHaveLength(1);
	});

	it('the same event seen by many processes at once: one delivery per endpoint', async () => {
		const a = await admin();
		await createWebhook(db(), a.actor, webhookForm());
		await createWebhook(
			db(),
			a.actor,
			webhookForm({ name: 'OA', url: 'http://oa.test/h', format: 'json' })
		);
		const meeting = { id: 9, title: '专题会', startsAt: NOW, classification: 'none' as const };
		const r = await inParallel(N, () =>
			inTransaction(wide(), (trx) => emitWebhookEvent(trx, 'meeting.notice_issued', { meeting }))
		);
		expect(r.errors).toEqual([]);
		expect(r.ok.reduce((n, x) => n + x, 0)).toBe(2);
		expect((await deliveryRows(db())).map((d) => d.event_key)).toEqual([
			'meeting.notice_issued:9',
			'meeting.notice_issued:9'
		]);
	});

	it('重试 of a failed delivery at once: queued again once, one audit row', async () => {
		const a = await admin();
		await createWebhook(db(), a.actor, webhookForm());
		const meeting = { id: 9, title: '专题会', startsAt: NOW, classification: 'none' as const };
		await emitWebhookEvent(db(), 'meeting.notice_issued', { meeting });
		const [row] = await deliveryRows(db());
		await db()
			.updateTable('webhook_deliveries')
			.set({ status: 'failed', attempts: 6 })
			.where('id', '=', row.id)
			.execute();
		const r = await inParallel(N, () => retryDelivery(wide(), a.actor, row.id));
		expect(r.ok).toHaveLength(1);
		expect(onlyUserErrors(r.errors)).toBe(true);
		expect(await auditRows(db(), 'webhook.retry')).toHaveLength(1);
		const [after] = await deliveryRows(db());
		expect(after).toMatchObject({ status: 'pending', attempts: 0 });
	});
});
