import type { Kysely } from 'kysely';
import { addStampTriggers, dropStampTriggers, flag, instant, withId } from './columns';

// Webhooks (issue 13, part 3): the office's messaging (政务微信 / 政务钉钉 group robots, any
// intranet URL) told of events.
//
// - webhooks: the endpoints the administrator registers — name, URL, format (wecom | dingtalk |
//   json), the secret (DingTalk's 加签 or the JSON body's HMAC key), the events picked (a JSON
//   list), enabled, and `version`, the compare-and-set counter every edit moves.
// - webhook_deliveries: the queue, like the mail outbox — one message to one endpoint, its body
//   rendered when the event happened, the lease and backoff of the sender. (webhook_id,
//   event_key) is unique, so an event seen by several processes is queued once per endpoint.
const TABLES = ['webhooks', 'webhook_deliveries'];

export async function up(db: Kysely<any>): Promise<void> {
	let t = withId(db, db.schema.createTable('webhooks'))
		.addColumn('name', 'varchar(60)', (c) => c.notNull())
		.addColumn('url', 'varchar(1000)', (c) => c.notNull())
		// wecom | dingtalk | json
		.addColumn('format', 'varchar(10)', (c) => c.notNull())
		.addColumn('secret', 'varchar(200)', (c) => c.notNull().defaultTo(''))
		// The events picked, as a JSON list of names.
		.addColumn('events', 'text', (c) => c.notNull());
	t = flag(db, t, 'is_enabled', true);
	t = t.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1));
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'updated_at', (c) => c.notNull());
	t = t.addUniqueConstraint('webhooks_name_uq', ['name']);
	await t.execute();

	t = withId(db, db.schema.createTable('webhook_deliveries'))
		.addColumn('webhook_id', 'integer', (c) =>
			c.notNull().references('webhooks.id').onDelete('cascade')
		)
		.addColumn('event', 'varchar(40)', (c) => c.notNull())
		.addColumn('event_key', 'varchar(120)', (c) => c.notNull())
		// The request body as sent (JSON text).
		.addColumn('body', 'text', (c) => c.notNull())
		// pending | sent | failed
		.addColumn('status', 'varchar(10)', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0));
	t = instant(db, t, 'next_attempt_at', (c) => c.notNull());
	t = instant(db, t, 'lease_until');
	t = t
		.addColumn('last_error', 'varchar(300)', (c) => c.notNull().defaultTo(''))
		.addColumn('last_status', 'integer');
	t = instant(db, t, 'created_at', (c) => c.notNull());
	t = instant(db, t, 'sent_at');
	t = t.addUniqueConstraint('webhook_deliveries_event_uq', ['webhook_id', 'event_key']);
	await t.execute();
	await db.schema
		.createIndex('webhook_deliveries_due_ix')
		.on('webhook_deliveries')
		.columns(['status', 'next_attempt_at'])
		.execute();

	for (const table of TABLES) await addStampTriggers(db, table);
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [...TABLES].reverse()) {
		await dropStampTriggers(db, table);
		await db.schema.dropTable(table).execute();
	}
}
