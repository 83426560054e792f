import { randomUUID } from 'node:crypto';
import * as m from '$lib/paraglide/messages';
import type { Actor } from '../actor';
import { audit, diff } from '../audit';
import * as clock from '../clock';
import type { DB } from '../db';
import type { WebhookFormat } from '../db/schema-webhooks';
import { inTransaction } from '../db/transaction';
import { NotFoundError, ValidationError, withUniqueField } from '../errors';
import { canManageWebhooks, requirePermission } from '../permissions';
import { parseInput } from '../validation';
import { deliverOne, type Fetch } from './webhooks.delivery';
import { renderContext } from './webhooks.events';
import { maskUrl, renderWebhookBody, testData } from './webhooks.format';
import {
	deleteDeliveriesOf,
	deleteWebhookRow,
	findDelivery,
	findWebhookById,
	insertDeliveries,
	insertWebhook,
	listRecentDeliveries,
	listWebhookRows,
	requeueFailedDelivery,
	updateWebhookRow,
	type DeliveryListRow,
	type WebhookFields,
	type WebhookRecord
} from './webhooks.repository';
import {
	webhookEditSchema,
	webhookSchema,
	type WebhookEditInput,
	type WebhookInput
} from './webhooks.schema';

// The administrator's endpoints (三员分立: not the office, not the security auditor): register,
// edit, disable, delete, test; 重试 of a failed delivery. Every change audited, edits and
// deletes compare-and-set on `version`.

/** An endpoint as the admin page shows it: the URL's key cut short, the secret never. */
export interface WebhookView {
	id: number;
	name: string;
	maskedUrl: string;
	format: WebhookFormat;
	hasSecret: boolean;
	events: string[];
	enabled: boolean;
	version: number;
	updatedAt: string;
}

function toView(w: WebhookRecord): WebhookView {
	return {
		id: w.id,
		name: w.name,
		maskedUrl: maskUrl(w.url),
		format: w.format,
		hasSecret: w.secret !== '',
		events: w.events,
		enabled: w.enabled,
		version: w.version,
		updatedAt: w.updatedAt
	};
}

/** What an audit row keeps of an endpoint: never the secret nor the URL's key. */
function audited(f: WebhookFields) {
	return {
		name: f.name,
		url: maskUrl(f.url),
		format: f.format,
		events: f.events.join(','),
		enabled: f.enabled,
		signed: f.secret !== ''
	};
}

export async function listWebhooks(db: DB, actor: Actor): Promise<WebhookView[]> {
	requirePermission(actor, canManageWebhooks);
	return (await listWebhookRows(db)).map(toView);
}

export async function getWebhook(db: DB, actor: Actor, id: number): Promise<WebhookView> {
	requirePermission(actor, canManageWebhooks);
	const w = await findWebhookById(db, id);
	if (!w) throw new NotFoundError();
	return toView(w);
}

const nameTaken = () => m.webhooks_err_name_taken();

export async function createWebhook(db: DB, actor: Actor, input: WebhookInput): Promise<number> {
	requirePermission(actor, canManageWebhooks);
	const v = parseInput(webhookSchema, input);
	const fields: WebhookFields = {
		name: v.name,
		url: v.url,
		format: v.format,
		secret: v.clearSecret ? '' : v.secret,
		events: [...new Set(v.events)],
		enabled: v.enabled
	};
	return inTransaction(db, async (trx) => {
		const id = await withUniqueField(
			insertWebhook(trx, fields, clock.nowIso()),
			'name',
			nameTaken()
		);
		await audit(trx, actor, 'webhook.create', 'webhook', id, audited(fields));
		return id;
	});
}

/**
 * Saves an edit made from `version`. The URL as the form showed it (its key cut short) and an
 * empty secret keep the saved ones. An edit that lost to another is refused, nothing changed.
 */
export async function updateWebhook(
	db: DB,
	actor: Actor,
	id: number,
	input: WebhookEditInput
): Promise<void> {
	requirePermission(actor, canManageWebhooks);
	const v = parseInput(webhookEditSchema, input);
	await inTransaction(db, async (trx) => {
		const current = await findWebhookById(trx, id);
		if (!current) throw new NotFoundError();
		if (current.version !== v.version) throw new ValidationError({ _: m.webhooks_err_changed() });
		const fields: WebhookFields = {
			name: v.name,
			url: v.url === maskUrl(current.url) ? current.url : v.url,
			format: v.format,
			secret: v.clearSecret ? '' : v.secret || current.secret,
			events: [...new Set(v.events)],
			enabled: v.enabled
		};
		const won = await withUniqueField(
			updateWebhookRow(trx, id, v.version, fields, clock.nowIso()),
			'name',
			nameTaken()
		);
		if (!won) throw new ValidationError({ _: m.webhooks_err_changed() });
		const changes: Record<string, unknown> = diff(audited(current), audited(fields));
		if (fields.secret !== current.secret && fields.secret && current.secret)
			changes.signed = ['changed', 'changed'];
		await audit(trx, actor, 'webhook.update', 'webhook', id, changes);
	});
}

/** Deletes an endpoint (and its deliveries) as it was at `version`. */
export async function deleteWebhook(
	db: DB,
	actor: Actor,
	id: number,
	version: number
): Promise<void> {
	requirePermission(actor, canManageWebhooks);
	await inTransaction(db, async (trx) => {
		const current = await findWebhookById(trx, id);
		if (!current) throw new ValidationError({ _: m.webhooks_err_changed() });
		if (current.version !== version) throw new ValidationError({ _: m.webhooks_err_changed() });
		await deleteDeliveriesOf(trx, id);
		if (!(await deleteWebhookRow(trx, id, version)))
			throw new ValidationError({ _: m.webhooks_err_changed() });
		await audit(trx, actor, 'webhook.delete', 'webhook', id, audited(current));
	});
}

/**
 * 发送测试消息: queues a test message to the endpoint (enabled or not) and sends it at once.
 * Returns whether it arrived and, if not, why (the error as the deliveries list keeps it).
 */
export async function sendTestMessage(
	db: DB,
	actor: Actor,
	id: number,
	send: Fetch = fetch
): Promise<{ ok: boolean; error: string }> {
	requirePermission(actor, canManageWebhooks);
	const deliveryId = await inTransaction(db, async (trx) => {
		const hook = await findWebhookById(trx, id);
		if (!hook) throw new NotFoundError();
		const now = clock.nowIso();
		const ctx = await renderContext(trx, now);
		const [added] = await insertDeliveries(
			trx,
			[
				{
					webhookId: id,
					event: 'test',
					eventKey: `test:${randomUUID()}`,
					body: renderWebhookBody(hook.format, 'test', testData(), ctx)
				}
			],
			now
		);
		await audit(trx, actor, 'webhook.test', 'webhook', id, { delivery: added });
		return added;
	});
	const r = await deliverOne(db, deliveryId, clock.now(), send);
	if (r) return { ok: r.ok, error: r.error };
	// Another process's tick took it first: its outcome is on the list.
	const row = await findDelivery(db, deliveryId);
	return { ok: row?.status === 'sent', error: row?.lastError ?? '' };
}

/** The most recent deliveries, newest first, without their bodies. */
export async function listDeliveries(
	db: DB,
	actor: Actor,
	q: { webhookId?: number; limit?: number } = {}
): Promise<DeliveryListRow[]> {
	requirePermission(actor, canManageWebhooks);
	const limit = Math.min(200, Math.max(1, Math.floor(q.limit ?? 30)));
	return listRecentDeliveries(db, { webhookId: q.webhookId, limit });
}

/** 重试: puts a failed delivery back in the queue for a new round of attempts. */
export async function retryDelivery(db: DB, actor: Actor, deliveryId: number): Promise<void> {
	requirePermission(actor, canManageWebhooks);
	await inTransaction(db, async (trx) => {
		const row = await findDelivery(trx, deliveryId);
		if (!row) throw new NotFoundError();
		if (!(await requeueFailedDelivery(trx, deliveryId, clock.nowIso())))
			throw new ValidationError({ _: m.webhooks_err_not_failed() });
		await audit(trx, actor, 'webhook.retry', 'webhook', row.webhookId, {
			delivery: deliveryId,
			event: row.event,
			status: ['failed', 'pending'],
			attempts: [row.attempts, 0]
		});
	});
}
