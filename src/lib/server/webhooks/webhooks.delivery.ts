import type { DB } from '../db';
import * as clock from '../clock';
import { registerTick } from '../jobs/scheduler';
import { log, errorFields } from '../log';
import { acceptedAnswer, cleanWebhookError, webhookRequest } from './webhooks.format';
import {
	claimDelivery,
	findDelivery,
	findDueDeliveries,
	findWebhookById,
	markDeliveryFailure,
	markDeliverySent,
	type DeliveryRecord,
	type WebhookRecord
} from './webhooks.repository';

// Sending the queued webhook messages, as the mail outbox sends mail: each row claimed with a
// lease (compare-and-set), so two processes never send the same one; a 2xx (and for the robots
// errcode 0) is sent; anything else is retried after 1, 5, 15, 60 and 60 minutes, and the 6th
// failure gives up (failed, 重试 on the admin page). A test message is tried once.

export const WEBHOOK_BATCH = 50;
const LEASE_MINUTES = 10;
const BACKOFF_MINUTES = [1, 5, 15, 60, 60];
export const WEBHOOK_MAX_ATTEMPTS = 6;
export const WEBHOOK_TIMEOUT_MS = 10_000;

export type Fetch = typeof fetch;

const plusMinutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000).toISOString();

/** Why a fetch failed, in one line: the message and its cause (ECONNREFUSED, a timeout …). */
function describeFailure(e: unknown): string {
	if (!(e instanceof Error)) return String(e);
	if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'timeout (10 s)';
	const cause = (e as { cause?: unknown }).cause;
	const c =
		cause instanceof Error ? `${(cause as { code?: string }).code ?? ''} ${cause.message}` : '';
	return `${e.message}${c ? `: ${c.trim()}` : ''}`;
}

/** One attempt at one claimed delivery; records its outcome. */
async function attempt(
	db: DB,
	row: DeliveryRecord,
	hook: WebhookRecord,
	now: Date,
	send: Fetch
): Promise<{ ok: boolean; error: string; unreachable?: boolean }> {
	const at = now.toISOString();
	const attempts = row.attempts + 1;
	let status: number | null = null;
	let error: string;
	let unreachable = false;
	try {
		const req = webhookRequest(hook, row.body, now);
		const res = await send(req.url, {
			method: 'POST',
			headers: req.headers,
			body: row.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)
		});
		status = res.status;
		const answer = acceptedAnswer(hook.format, res.status, await res.text());
		if (answer.ok) {
			await markDeliverySent(db, row.id, { attempts, lastStatus: res.status, at });
			return { ok: true, error: '' };
		}
		error = answer.error;
	} catch (e) {
		// No answer at all (refused, timed out): the endpoint, not this message, is the problem.
		error = describeFailure(e);
		unreachable = true;
	}
	const lastError = cleanWebhookError(error, hook);
	// A test is tried once: the administrator sees its outcome now, not a message hours later.
	const gaveUp = attempts >= WEBHOOK_MAX_ATTEMPTS || row.event === 'test';
	await markDeliveryFailure(db, row.id, {
		attempts,
		status: gaveUp ? 'failed' : 'pending',
		lastError,
		lastStatus: status,
		nextAttemptAt: gaveUp ? at : plusMinutes(now, BACKOFF_MINUTES[attempts - 1])
	});
	log.warn(
		{ webhookId: hook.id, deliveryId: row.id, attempts, status, gaveUp, error: lastError },
		'webhook delivery failed'
	);
	return { ok: false, error: lastError, unreachable };
}

/**
 * Claims and sends one delivery if it is due now; null when it is not due or another process
 * took it. The administrator's 测试 uses it to send at once.
 */
export async function deliverOne(
	db: DB,
	id: number,
	now: Date = clock.now(),
	send: Fetch = fetch
): Promise<{ ok: boolean; error: string; unreachable?: boolean } | null> {
	const at = now.toISOString();
	if (!(await claimDelivery(db, id, at, plusMinutes(now, LEASE_MINUTES)))) return null;
	const row = await findDelivery(db, id);
	const hook = row && (await findWebhookById(db, row.webhookId));
	if (!row || !hook) return null;
	return attempt(db, row, hook, now, send);
}

/**
 * Sends the due deliveries, oldest first, up to 50 per call. An endpoint that does not answer
 * keeps its other messages for the next tick rather than each paying the timeout now.
 */
export async function deliverDueWebhooks(
	db: DB,
	now: Date = clock.now(),
	send: Fetch = fetch
): Promise<{ sent: number; failed: number; due: number }> {
	const result = { sent: 0, failed: 0, due: 0 };
	const due = await findDueDeliveries(db, now.toISOString(), WEBHOOK_BATCH);
	result.due = due.length;
	const down = new Set<number>();
	for (const { id, webhookId } of due) {
		if (down.has(webhookId)) continue;
		try {
			const r = await deliverOne(db, id, now, send);
			if (r?.ok) result.sent++;
			else if (r) result.failed++;
			if (r?.unreachable) down.add(webhookId);
		} catch (e) {
			log.warn({ deliveryId: id, ...errorFields(e) }, 'webhook delivery failed');
		}
	}
	return result;
}

const BATCHES_PER_TICK = 10;

registerTick('webhooks.deliver', async (db, now) => {
	for (let i = 0; i < BATCHES_PER_TICK; i++) {
		const r = await deliverDueWebhooks(db, now);
		if (r.due < WEBHOOK_BATCH || r.sent === 0) return;
	}
});
