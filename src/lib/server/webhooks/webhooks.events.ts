import type { DB } from '../db';
import * as clock from '../clock';
import { OFFICE_LOCALE } from '../notifications/notify';
import { getSettings } from '../settings/settings.service';
import {
	itemData,
	meetingData,
	periodData,
	renderWebhookBody,
	type DeliveredEvent,
	type RenderContext,
	type WebhookData,
	type WebhookEvent,
	type WebhookItem,
	type WebhookMeeting,
	type WebhookPeriod
} from './webhooks.format';
import { findSubscribedWebhooks, insertDeliveries } from './webhooks.repository';

// The one way a module tells the office's messaging of an event: in the caller's transaction,
// so a message is queued only if the change commits, and sent later by the webhooks.deliver tick.

/** What each event is about, as the module that makes it happen knows it. */
export interface WebhookSources {
	'meeting.notice_issued': { meeting: WebhookMeeting };
	'meeting.cancelled': { meeting: WebhookMeeting; reason: string };
	'supervision.overdue': { item: WebhookItem };
	'duty.roster_published': { period: WebhookPeriod };
}

/** The event's data (nothing classified) and its key: one message per endpoint and key. */
function describe<E extends WebhookEvent>(
	event: E,
	source: WebhookSources[E]
): { key: string; data: WebhookData } {
	switch (event) {
		case 'meeting.notice_issued': {
			const { meeting } = source as WebhookSources['meeting.notice_issued'];
			return { key: `${event}:${meeting.id}`, data: meetingData(meeting) };
		}
		case 'meeting.cancelled': {
			const { meeting, reason } = source as WebhookSources['meeting.cancelled'];
			return { key: `${event}:${meeting.id}`, data: meetingData(meeting, reason) };
		}
		case 'supervision.overdue': {
			const { item } = source as WebhookSources['supervision.overdue'];
			return { key: `${event}:${item.id}`, data: itemData(item) };
		}
		default: {
			const { period } = source as WebhookSources['duty.roster_published'];
			return { key: `${event}:${period.id}`, data: periodData(period) };
		}
	}
}

/** The app's public address for links (ORIGIN, as mail uses it). */
export function webhookOrigin(env: NodeJS.ProcessEnv = process.env): string {
	return (env.ORIGIN ?? '').replace(/\/$/, '');
}

/** How messages are rendered now: the office's time zone and language. */
export async function renderContext(db: DB, occurredAt: string): Promise<RenderContext> {
	const { timeZone } = await getSettings(db);
	return { origin: webhookOrigin(), timeZone, locale: OFFICE_LOCALE.locale, occurredAt };
}

/**
 * Queues the event for every enabled endpoint subscribed to it (one statement), each body in
 * the endpoint's format. The same event (its key: `meeting.cancelled:12`,
 * `supervision.overdue:7` …) is queued once per endpoint however often it is emitted. Returns
 * how many deliveries were added.
 */
export async function emitWebhookEvent<E extends WebhookEvent>(
	trx: DB,
	event: E,
	source: WebhookSources[E]
): Promise<number> {
	const hooks = await findSubscribedWebhooks(trx, event);
	if (!hooks.length) return 0;
	const { key, data } = describe(event, source);
	const now = clock.nowIso();
	const ctx = await renderContext(trx, now);
	const added = await insertDeliveries(
		trx,
		hooks.map((h) => ({
			webhookId: h.id,
			event,
			eventKey: key,
			body: renderWebhookBody(h.format, event satisfies DeliveredEvent, data, ctx)
		})),
		now
	);
	return added.length;
}
