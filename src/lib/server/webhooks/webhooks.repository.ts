import type { Selectable } from 'kysely';
import type { DB } from '../db';
import type {
	WebhookDeliveriesTable,
	WebhookDeliveryStatus,
	WebhookFormat,
	WebhooksTable
} from '../db/schema-webhooks';

/** A registered endpoint (its secret included: only the delivery reads it). */
export interface WebhookRecord {
	id: number;
	name: string;
	url: string;
	format: WebhookFormat;
	secret: string;
	events: string[];
	enabled: boolean;
	version: number;
	createdAt: string;
	updatedAt: string;
}

function parseEvents(text: string): string[] {
	try {
		const v: unknown = JSON.parse(text);
		return Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string') : [];
	} catch {
		return [];
	}
}

function toWebhook(r: Selectable<WebhooksTable>): WebhookRecord {
	return {
		id: r.id,
		name: r.name,
		url: r.url,
		format: r.format,
		secret: r.secret,
		events: parseEvents(r.events),
		enabled: r.is_enabled,
		version: r.version,
		createdAt: r.created_at,
		updatedAt: r.updated_at
	};
}

export interface WebhookFields {
	name: string;
	url: string;
	format: WebhookFormat;
	secret: string;
	events: string[];
	enabled: boolean;
}

export async function insertWebhook(trx: DB, f: WebhookFields, now: string): Promise<number> {
	const r = await trx
		.insertInto('webhooks')
		.values({
			name: f.name,
			url: f.url,
			format: f.format,
			secret: f.secret,
			events: JSON.stringify(f.events),
			is_enabled: f.enabled,
			created_at: now,
			updated_at: now
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return r.id;
}

/** Compare-and-set: changes the endpoint only at `version`; false when another edit came first. */
export async function updateWebhookRow(
	trx: DB,
	id: number,
	version: number,
	f: WebhookFields,
	now: string
): Promise<boolean> {
	const r = await trx
		.updateTable('webhooks')
		.set({
			name: f.name,
			url: f.url,
			format: f.format,
			secret: f.secret,
			events: JSON.stringify(f.events),
			is_enabled: f.enabled,
			updated_at: now,
			version: version + 1
		})
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Compare-and-set delete (its deliveries with it); false when another edit came first. */
export async function deleteWebhookRow(trx: DB, id: number, version: number): Promise<boolean> {
	const r = await trx
		.deleteFrom('webhooks')
		.where('id', '=', id)
		.where('version', '=', version)
		.executeTakeFirst();
	return Number(r.numDeletedRows) === 1;
}

export async function deleteDeliveriesOf(trx: DB, webhookId: number): Promise<void> {
	await trx.deleteFrom('webhook_deliveries').where('webhook_id', '=', webhookId).execute();
}

export async function findWebhookById(db: DB, id: number): Promise<WebhookRecord | undefined> {
	const r = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
	return r && toWebhook(r);
}

export async function listWebhookRows(db: DB): Promise<WebhookRecord[]> {
	const rows = await db.selectFrom('webhooks').selectAll().orderBy('name').orderBy('id').execute();
	return rows.map(toWebhook);
}

/** The enabled endpoints subscribed to `event` (the JSON list holds the name in quotes). */
export async function findSubscribedWebhooks(db: DB, event: string): Promise<WebhookRecord[]> {
	const rows = await db
		.selectFrom('webhooks')
		.selectAll()
		.where('is_enabled', '=', true)
		.where('events', 'like', `%${JSON.stringify(event)}%`)
		.orderBy('id')
		.execute();
	return rows.map(toWebhook).filter((w) => w.events.includes(event));
}

// ---- deliveries ---------------------------------------------------------------------------

/** One message to one endpoint. */
export interface DeliveryRecord {
	id: number;
	webhookId: number;
	event: string;
	eventKey: string;
	body: string;
	status: WebhookDeliveryStatus;
	attempts: number;
	nextAttemptAt: string;
	leaseUntil: string | null;
	lastError: string;
	lastStatus: number | null;
	createdAt: string;
	sentAt: string | null;
}

function toDelivery(r: Selectable<WebhookDeliveriesTable>): DeliveryRecord {
	return {
		id: r.id,
		webhookId: r.webhook_id,
		event: r.event,
		eventKey: r.event_key,
		body: r.body,
		status: r.status,
		attempts: r.attempts,
		nextAttemptAt: r.next_attempt_at,
		leaseUntil: r.lease_until,
		lastError: r.last_error,
		lastStatus: r.last_status,
		createdAt: r.created_at,
		sentAt: r.sent_at
	};
}

export interface NewDelivery {
	webhookId: number;
	event: string;
	eventKey: string;
	body: string;
}

/**
 * Queues the deliveries in one statement; one already queued for the same endpoint and event
 * key is left alone (the unique constraint), so an event seen twice is sent once. Returns the
 * ids of the rows it added.
 */
export async function insertDeliveries(
	trx: DB,
	rows: NewDelivery[],
	now: string
): Promise<number[]> {
	if (!rows.length) return [];
	const added = await trx
		.insertInto('webhook_deliveries')
		.values(
			rows.map((r) => ({
				webhook_id: r.webhookId,
				event: r.event,
				event_key: r.eventKey,
				body: r.body,
				status: 'pending' as const,
				next_attempt_at: now,
				created_at: now
			}))
		)
		.onConflict((oc) => oc.columns(['webhook_id', 'event_key']).doNothing())
		.returning('id')
		.execute();
	return added.map((r) => r.id);
}

export async function findDelivery(db: DB, id: number): Promise<DeliveryRecord | undefined> {
	const r = await db
		.selectFrom('webhook_deliveries')
		.selectAll()
		.where('id', '=', id)
		.executeTakeFirst();
	return r && toDelivery(r);
}

/** Pending deliveries whose time has come, to enabled endpoints (a test goes out anyway). */
export async function findDueDeliveries(
	db: DB,
	now: string,
	limit: number
): Promise<{ id: number; webhookId: number }[]> {
	const rows = await db
		.selectFrom('webhook_deliveries as d')
		.innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
		.select(['d.id', 'd.webhook_id'])
		.where('d.status', '=', 'pending')
		.where('d.next_attempt_at', '<=', now)
		.where((eb) => eb.or([eb('w.is_enabled', '=', true), eb('d.event', '=', 'test')]))
		.orderBy('d.id')
		.limit(limit)
		.execute();
	return rows.map((r) => ({ id: r.id, webhookId: r.webhook_id }));
}

/**
 * Takes a due delivery for one sender by pushing its next attempt to the lease's end; false
 * when another process took it first (on PostgreSQL the losing UPDATE waits for the winner's
 * commit and re-checks the WHERE, so exactly one affects the row).
 */
export async function claimDelivery(
	db: DB,
	id: number,
	now: string,
	leaseUntil: string
): Promise<boolean> {
	const r = await db
		.updateTable('webhook_deliveries')
		.set({ next_attempt_at: leaseUntil, lease_until: leaseUntil })
		.where('id', '=', id)
		.where('status', '=', 'pending')
		.where('next_attempt_at', '<=', now)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function markDeliverySent(
	db: DB,
	id: number,
	f: { attempts: number; lastStatus: number; at: string }
): Promise<void> {
	await db
		.updateTable('webhook_deliveries')
		.set({
			status: 'sent',
			attempts: f.attempts,
			last_status: f.lastStatus,
			last_error: '',
			sent_at: f.at,
			lease_until: null
		})
		.where('id', '=', id)
		.execute();
}

export async function markDeliveryFailure(
	db: DB,
	id: number,
	f: {
		attempts: number;
		status: WebhookDeliveryStatus;
		lastError: string;
		lastStatus: number | null;
		nextAttemptAt: string;
	}
): Promise<void> {
	await db
		.updateTable('webhook_deliveries')
		.set({
			attempts: f.attempts,
			status: f.status,
			last_error: f.lastError,
			last_status: f.lastStatus,
			next_attempt_at: f.nextAttemptAt,
			lease_until: null
		})
		.where('id', '=', id)
		.execute();
}

/** A failed delivery back in the queue for a new round of attempts; false if it is not failed. */
export async function requeueFailedDelivery(trx: DB, id: number, now: string): Promise<boolean> {
	const r = await trx
		.updateTable('webhook_deliveries')
		.set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null })
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** A delivery as the admin page lists it, with its endpoint's name. */
export type DeliveryListRow = Omit<DeliveryRecord, 'body'> & { webhookName: string };

export async function listRecentDeliveries(
	db: DB,
	f: { webhookId?: number; limit: number }
): Promise<DeliveryListRow[]> {
	let q = db
		.selectFrom('webhook_deliveries as d')
		.innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
		.selectAll('d')
		.select('w.name as webhook_name');
	if (f.webhookId) q = q.where('d.webhook_id', '=', f.webhookId);
	const rows = await q.orderBy('d.id', 'desc').limit(f.limit).execute();
	return rows.map((r) => withoutBody(toDelivery(r), r.webhook_name));
}

function withoutBody({ body: _body, ...rest }: DeliveryRecord, webhookName: string) {
	return { ...rest, webhookName };
}
