import type { ColumnType, Generated } from 'kysely';
import type { Instant } from './schema';

/** Webhook tables; see migrations/0020_webhooks.ts. */

type Defaulted<T> = ColumnType<T, T | undefined, T>;

export type WebhookFormat = 'wecom' | 'dingtalk' | 'json';
export type WebhookDeliveryStatus = 'pending' | 'sent' | 'failed';

export interface WebhooksTable {
	id: Generated<number>;
	name: string;
	url: string;
	format: WebhookFormat;
	secret: Defaulted<string>;
	/** The events picked, a JSON list of names. */
	events: string;
	is_enabled: Defaulted<boolean>;
	version: Defaulted<number>;
	created_at: Instant;
	updated_at: Instant;
}

export interface WebhookDeliveriesTable {
	id: Generated<number>;
	webhook_id: number;
	event: string;
	event_key: string;
	/** The request body as sent (JSON text). */
	body: string;
	status: WebhookDeliveryStatus;
	attempts: Defaulted<number>;
	next_attempt_at: Instant;
	lease_until: Instant | null;
	last_error: Defaulted<string>;
	last_status: number | null;
	created_at: Instant;
	sent_at: Instant | null;
}

export interface WebhookTables {
	webhooks: WebhooksTable;
	webhook_deliveries: WebhookDeliveriesTable;
}
